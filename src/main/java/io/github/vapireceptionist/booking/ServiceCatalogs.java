package io.github.vapireceptionist.booking;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Each business's own {@link ServiceCatalog}: a booking in one business is made with the length and attendants of
 * that business's service, read from its own calendar, never with another's kept for ten minutes.
 */
public class ServiceCatalogs {

    private final Businesses businesses;
    private final PerBusiness<ServiceCatalog> catalogs;

    /** {@code first}: the first business's (without BUSINESSES_FILE the one business's, the serviceCatalog bean). */
    public ServiceCatalogs(Businesses businesses, ServiceCatalog first, Function<Business, ServiceCatalog> others) {
        this.businesses = businesses;
        String firstId = businesses.all().get(0).id();
        this.catalogs = new PerBusiness<>(business -> business.id().equals(firstId) ? first : others.apply(business));
    }

    public ServiceCatalog of(Exchange exchange) {
        return catalogs.of(businesses.of(exchange));
    }

    /** Before the slot is claimed (routes/claim-slot.camel.yaml): the booking is made with its business's service. */
    public void forBooking(@ExchangeProperty("booking") Booking booking, Exchange exchange) {
        booking.services(of(exchange));
    }
}
