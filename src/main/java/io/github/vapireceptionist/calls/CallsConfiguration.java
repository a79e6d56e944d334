package io.github.vapireceptionist.calls;

import io.github.vapireceptionist.business.BusinessTags;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CallsConfiguration {

    @Bean
    CallReports callReports(MeterRegistry meters, BusinessTags businessTags) {
        return new CallReports(meters, businessTags);
    }
}
