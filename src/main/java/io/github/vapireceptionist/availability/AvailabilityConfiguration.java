package io.github.vapireceptionist.availability;

import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AvailabilityConfiguration {

    @Bean
    AvailabilityRequests availabilityRequests(Clock clock, EasyAppointmentsProperties calendar) {
        return new AvailabilityRequests(clock, calendar);
    }

    @Bean
    AvailabilityAnswers availabilityAnswers() {
        return new AvailabilityAnswers();
    }
}
