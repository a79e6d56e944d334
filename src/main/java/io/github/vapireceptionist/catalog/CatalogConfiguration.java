package io.github.vapireceptionist.catalog;

import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    @Bean
    StaffCatalog staffCatalog(Clock clock, CatalogProperties line, EasyAppointmentsProperties calendar) {
        return new StaffCatalog(clock, line, calendar.serviceId(), calendar.providerId(), calendar.timezone().getId());
    }

    @Bean
    CatalogAnswers catalogAnswers(StaffCatalog staffCatalog) {
        return new CatalogAnswers(staffCatalog);
    }
}
