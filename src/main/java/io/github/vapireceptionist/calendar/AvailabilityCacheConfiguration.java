package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.business.BusinessTags;
import io.github.vapireceptionist.business.Businesses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AvailabilityCacheConfiguration {

    /** What the calendar routes call: the exchange's business's cache; the {@code availabilityCache} bean is the first's. */
    @Bean
    AvailabilityCaches availabilityCaches(Businesses businesses, AvailabilityCache availabilityCache, BusinessTags businessTags) {
        return new AvailabilityCaches(businesses, availabilityCache, businessTags);
    }
}
