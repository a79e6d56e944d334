package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * "Today" and "in the past" are judged in the business's time zone, never the server's. This clock is the
 * deployment's, in EASYAPPOINTMENTS_TIMEZONE (business {@code default}'s zone); a call for a business of
 * BUSINESSES_FILE reads it in that business's own zone ({@link BusinessTime#clock}).
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock businessClock(EasyAppointmentsProperties calendar) {
        return Clock.system(calendar.timezone());
    }
}
