package io.github.vapireceptionist.business;

import io.micrometer.core.instrument.Tags;
import org.apache.camel.Exchange;

/**
 * The {@code business} tag of the meters that count one business's calls, bookings and answers. Only with
 * BUSINESSES_FILE: then every series of those meters carries it (Prometheus wants one set of labels per name),
 * {@code business="none"} where no business was known. Without the file the meters are exactly what they were, with
 * no such label, so a one-business deployment's dashboards and alerts see nothing new.
 */
public final class BusinessTags {

    public static final String TAG = "business";
    private static final String NONE = "none";

    private final Businesses businesses;

    public BusinessTags(Businesses businesses) {
        this.businesses = businesses;
    }

    public Tags of(Business business) {
        return of(business == null ? null : business.id());
    }

    public Tags of(String businessId) {
        return businesses.fromFile() ? Tags.of(TAG, businessId == null ? NONE : businessId) : Tags.empty();
    }

    /**
     * For a step that holds its flow's business but not the set: the file's businesses are never {@value
     * Businesses#DEFAULT_ID} (BusinessesFile refuses that id), so that one (or none) means no file, and no label.
     */
    public static Tags ofFlow(Business business) {
        return business == null || Businesses.DEFAULT_ID.equals(business.id()) ? Tags.empty() : Tags.of(TAG, business.id());
    }

    /** The exchange's business ({@value Businesses#EXCHANGE_PROPERTY}), none when it has not been found (yet). */
    public Tags of(Exchange exchange) {
        return of(exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class));
    }
}
