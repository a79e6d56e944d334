package io.github.vapireceptionist.catalog;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.core.Deadline;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Each business's own {@link StaffCatalog}: its services and people, read from its calendar, within its own
 * restrictions (the services and providers it books, the ones a call naming none is for) and in its own time zone.
 * The routes (refresh-catalog, list-services, check-availability, book-appointment) call it with the exchange, by the
 * catalog's own method names; the Java steps ask {@link #of(Exchange)}.
 */
public class StaffCatalogs {

    /** Null: {@link #only(StaffCatalog) one catalog} whatever the exchange. */
    private final Businesses businesses;
    private final Function<Business, StaffCatalog> byBusiness;

    /** {@code refreshMinutes}: CATALOG_REFRESH_MINUTES, the same for every business. */
    public StaffCatalogs(Businesses businesses, Clock clock, int refreshMinutes) {
        this(businesses, new PerBusiness<>(business -> catalogOf(business, clock, refreshMinutes)).droppedWhenGoneFrom(businesses)::of);
    }

    private StaffCatalogs(Businesses businesses, Function<Business, StaffCatalog> byBusiness) {
        this.businesses = businesses;
        this.byBusiness = byBusiness;
    }

    /** One catalog whatever the exchange: the steps' unit tests, which make them with a {@link StaffCatalog}. */
    public static StaffCatalogs only(StaffCatalog catalog) {
        return new StaffCatalogs(null, business -> catalog);
    }

    private static StaffCatalog catalogOf(Business business, Clock clock, int refreshMinutes) {
        Business.Calendar calendar = business.calendar();
        CatalogProperties line = new CatalogProperties(calendar.serviceIds(), calendar.providerIds(), refreshMinutes);
        return new StaffCatalog(clock, line, calendar.serviceId(), calendar.providerId(), business.timezone().getId());
    }

    public StaffCatalog of(Business business) {
        return byBusiness.apply(business);
    }

    /** The exchange's business's catalog (Businesses#of: none named among several is refused, never guessed). */
    public StaffCatalog of(Exchange exchange) {
        return businesses == null ? byBusiness.apply(null) : of(businesses.of(exchange));
    }

    /**
     * The catalog of the only business, for a step that was not given the exchange; with several businesses it is
     * refused, as {@link Businesses#of} refuses an exchange that names none.
     */
    public StaffCatalog sole() {
        if (businesses == null) {
            return byBusiness.apply(null);
        }
        List<Business> all = businesses.all();
        if (all.size() != 1) {
            throw new IllegalStateException("a catalog was asked for without its business, and this deployment has several");
        }
        return of(all.get(0));
    }

    public boolean needsRefresh(Exchange exchange) {
        return of(exchange).needsRefresh();
    }

    public CatalogRead startRead(Exchange exchange) {
        return of(exchange).startRead();
    }

    public void awaitRead(Exchange exchange, @ExchangeProperty(Deadline.PROPERTY) Deadline deadline) {
        of(exchange).awaitRead(deadline);
    }

    public void readOver(Exchange exchange) {
        of(exchange).readOver();
    }

    public void servicesPage(Exchange exchange, @ExchangeProperty("catalogRead") CatalogRead read, @Body List<ServiceRecord> page) {
        of(exchange).servicesPage(read, page);
    }

    public void providersPage(Exchange exchange, @ExchangeProperty("catalogRead") CatalogRead read, @Body List<ProviderRecord> page) {
        of(exchange).providersPage(read, page);
    }

    public void loaded(Exchange exchange, @ExchangeProperty("catalogRead") CatalogRead read) {
        of(exchange).loaded(read);
    }

    public void unreachable(Exchange exchange, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        of(exchange).unreachable(failure);
    }
}
