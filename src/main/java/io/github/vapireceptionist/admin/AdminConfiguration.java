package io.github.vapireceptionist.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.app.ProductionCheck;
import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.business.Businesses;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The GDPR admin API (routes admin-export-customer and admin-erase-customer). Without
 * ADMIN_API_TOKEN its routes are not started, so its paths answer 404 like any unknown path.
 */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminConfiguration.class);

    @Bean
    ProductionCheck adminTokenCheck(AdminProperties admin, Businesses businesses) {
        return () -> admin.productionProblems(businesses);
    }

    /** Made only once the production checks have passed (ProductionReadiness). */
    @Bean
    AdminAuthenticator adminAuthenticator(AdminProperties admin, ProductionReadiness productionReadiness) {
        return new AdminAuthenticator(admin);
    }

    /** The admin routes read {@code {{admin.enabled}}} as their autoStartup: derived here from the token. */
    @Bean
    CamelContextConfiguration adminApiSwitch(AdminProperties admin) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getPropertiesComponent().addOverrideProperty("admin.enabled", String.valueOf(admin.enabled()));
                if (admin.enabled()) {
                    log.info("GDPR admin API on: /api/admin/{businessId}/customers, and /api/admin/customers for a deployment of one business (Authorization: Bearer ADMIN_API_TOKEN)");
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }

    @Bean
    AdminBusiness adminBusiness(Businesses businesses) {
        return new AdminBusiness(businesses);
    }

    /** The paths without a business are the only business's (forwarded); with several they stay 404. */
    @Bean
    FilterRegistrationBean<AdminBusinessPaths> adminBusinessPaths(Businesses businesses) {
        FilterRegistrationBean<AdminBusinessPaths> registration = new FilterRegistrationBean<>(new AdminBusinessPaths(businesses));
        registration.setUrlPatterns(AdminBusinessPaths.WITHOUT_BUSINESS);
        return registration;
    }

    @Bean
    DataSubjects dataSubjects(BookingReplays replays) {
        return new DataSubjects(replays);
    }

    @Bean
    AdminAudit adminAudit() {
        return new AdminAudit();
    }

    @Bean
    AdminReplies adminReplies(ObjectMapper json, AdminAudit adminAudit) {
        return new AdminReplies(json, adminAudit);
    }
}
