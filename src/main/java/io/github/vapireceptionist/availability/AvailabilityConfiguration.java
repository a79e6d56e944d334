package io.github.vapireceptionist.availability;

import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.catalog.StaffCatalogs;
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
    TeamRequests teamRequests(StaffCatalogs staffCatalogs, EasyAppointmentsProperties calendar) {
        return new TeamRequests(staffCatalogs, calendar.timezone());
    }

    @Bean
    AvailabilityAnswers availabilityAnswers() {
        return new AvailabilityAnswers();
    }
}
