package io.github.vapireceptionist.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.calendar.EmailAlreadyInUseException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.impl.classic.RequestFailedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.Test;

/** What the calendar's breaker counts against the calendar, and what it leaves out. */
class ResilienceConfigurationTest {

    @Test
    void theAppsOwnSaturationAndAnEmailInUseAreNotTheCalendarFailing() {
        assertThat(ResilienceConfiguration.notTheCalendarsFault(new EmailAlreadyInUseException())).isTrue();
        assertThat(ResilienceConfiguration.notTheCalendarsFault(
                new RuntimeCamelException(new ConnectionRequestTimeoutException("Timeout deadline: 1000 MILLISECONDS")))).isTrue();
        assertThat(ResilienceConfiguration.notTheCalendarsFault(
                new RuntimeCamelException(new RequestFailedException("Request execution failed")))).isTrue();
    }

    @Test
    void aCalendarThatRefusesTimesOutOrAnswersBadlyIsFailing() {
        assertThat(ResilienceConfiguration.notTheCalendarsFault(new RuntimeCamelException(new ConnectException("refused")))).isFalse();
        assertThat(ResilienceConfiguration.notTheCalendarsFault(new SocketTimeoutException("Read timed out"))).isFalse();
        assertThat(ResilienceConfiguration.notTheCalendarsFault(new CalendarUnavailableException())).isFalse();
    }
}
