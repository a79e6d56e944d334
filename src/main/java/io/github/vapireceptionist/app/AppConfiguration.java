package io.github.vapireceptionist.app;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AppConfiguration {

    /** Every feature's production checks, run before any bean that takes this one is made. */
    @Bean
    ProductionReadiness productionReadiness(AppProperties app, List<ProductionCheck> checks) {
        return ProductionReadiness.check(app, checks);
    }
}
