package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CalendarRequestMetricsTest {

    @Test
    void outcomesNameWhatWentWrongWithTheCalendar() {
        assertThat(CalendarRequestMetrics.outcome(null)).isEqualTo("success");
        assertThat(CalendarRequestMetrics.outcome(new SocketTimeoutException("Read timed out"))).isEqualTo("timeout");
        assertThat(CalendarRequestMetrics.outcome(new ConnectException("Connection refused"))).isEqualTo("unreachable");
        assertThat(CalendarRequestMetrics.outcome(new IOException("reset"))).isEqualTo("unreachable");
        assertThat(CalendarRequestMetrics.outcome(new CalendarUnavailableException())).isEqualTo("bad_response");
        assertThat(CalendarRequestMetrics.outcome(new EmailAlreadyInUseException())).isEqualTo("conflict");
        assertThat(CalendarRequestMetrics.outcome(new IllegalStateException("bug"))).isEqualTo("error");
        assertThat(CalendarRequestMetrics.outcome(new CamelExecutionException("wrapped", null,
                new SocketTimeoutException()))).isEqualTo("timeout");
    }

    @Test
    void onlyCalendarRoutesAreTimedUnderTheirOperation() throws Exception {
        CalendarRequestMetrics metrics = new CalendarRequestMetrics(new SimpleMeterRegistry());
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertThat(metrics.createRoutePolicy(camel, "calendar-availabilities", null)).isNotNull();
            assertThat(metrics.createRoutePolicy(camel, "book-appointment", null)).isNull();
        }
    }
}
