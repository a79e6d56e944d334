package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Today" and "in the past" are judged in the business's time zone, never the server's. */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock businessClock(EasyAppointmentsProperties calendar) {
        return Clock.system(calendar.timezone());
    }
}
