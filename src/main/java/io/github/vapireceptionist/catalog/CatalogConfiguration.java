package io.github.vapireceptionist.catalog;

import io.github.vapireceptionist.business.Businesses;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    @Bean
    StaffCatalogs staffCatalogs(Businesses businesses, Clock clock, CatalogProperties line) {
        return new StaffCatalogs(businesses, clock, line.refreshMinutes());
    }

    /** The first business's catalog (without BUSINESSES_FILE the one business's), as it was before there were several. */
    @Bean
    StaffCatalog staffCatalog(StaffCatalogs staffCatalogs, Businesses businesses) {
        return staffCatalogs.of(businesses.all().get(0));
    }

    @Bean
    CatalogAnswers catalogAnswers(StaffCatalogs staffCatalogs) {
        return new CatalogAnswers(staffCatalogs);
    }

    /** The catalog timer's businesses, each refreshed within CATALOG_REFRESH_BUDGET_MS. */
    @Bean
    CatalogSchedule catalogSchedule(Businesses businesses, @Value("${catalog.refresh-budget-ms}") long budgetMs) {
        return new CatalogSchedule(businesses, Duration.ofMillis(budgetMs));
    }
}
