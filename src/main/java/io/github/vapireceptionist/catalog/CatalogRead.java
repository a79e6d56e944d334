package io.github.vapireceptionist.catalog;

import io.github.vapireceptionist.calendar.CatalogPage;
import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import java.util.ArrayList;
import java.util.List;

/** One reading of the catalog by routes/refresh-catalog.camel.yaml: the services, then the providers, page by page. */
public final class CatalogRead {

    static final int PAGE_LENGTH = 100;
    /** 2,000 services or providers: a line with more is not a small business. */
    static final int MAX_PAGES = 20;

    private final List<ServiceRecord> services = new ArrayList<>();
    private final List<ProviderRecord> providers = new ArrayList<>();
    private int servicesPage = 1;
    private int providersPage = 1;
    private boolean servicesDone;
    private boolean providersDone;

    public boolean readingServices() {
        return !servicesDone;
    }

    public boolean readingProviders() {
        return !providersDone;
    }

    public CatalogPage servicesPage() {
        return new CatalogPage(servicesPage, PAGE_LENGTH);
    }

    public CatalogPage providersPage() {
        return new CatalogPage(providersPage, PAGE_LENGTH);
    }

    public void services(List<ServiceRecord> page) {
        services.addAll(page);
        servicesDone = page.size() < PAGE_LENGTH || servicesPage >= MAX_PAGES;
        servicesPage++;
    }

    public void providers(List<ProviderRecord> page) {
        providers.addAll(page);
        providersDone = page.size() < PAGE_LENGTH || providersPage >= MAX_PAGES;
        providersPage++;
    }

    /** What was read, as the line's catalog (the assistant sync names its services and people from it). */
    public Catalog catalog(CatalogProperties line, int defaultServiceId) {
        return new Catalog(services(), providers(), line, defaultServiceId, true);
    }

    List<ServiceRecord> services() {
        return List.copyOf(services);
    }

    List<ProviderRecord> providers() {
        return List.copyOf(providers);
    }
}
