package io.github.vapireceptionist.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which of the calendar's services and providers this line books (EASYAPPOINTMENTS_SERVICE_IDS,
 * EASYAPPOINTMENTS_PROVIDER_IDS; empty: every public one) and how often the catalog is read again
 * (CATALOG_REFRESH_MINUTES).
 */
@Validated
@ConfigurationProperties("catalog")
public record CatalogProperties(List<Integer> serviceIds, List<Integer> providerIds,
        @Min(1) @Max(24 * 60) int refreshMinutes) {

    public CatalogProperties {
        serviceIds = serviceIds == null ? List.of() : List.copyOf(serviceIds);
        providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
    }
}
