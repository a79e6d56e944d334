package io.github.vapireceptionist.catalog;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.Deadline;
import io.github.vapireceptionist.webhook.Correlation;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The catalog timer (routes/catalog-schedule.camel.yaml) refreshes every business's catalog in turn, each within
 * CATALOG_REFRESH_BUDGET_MS: a business whose calendar hangs holds up the next one by that much at most.
 */
public class CatalogSchedule {

    private final Businesses businesses;
    private final Duration budget;

    public CatalogSchedule(Businesses businesses, Duration budget) {
        this.businesses = businesses;
        this.budget = budget;
    }

    public List<Business> businesses() {
        return businesses.all();
    }

    /** One business's turn: its calendar is called, its catalog refreshed, its id on the log lines (with BUSINESSES_FILE). */
    public void turnOf(@Body Business business, Exchange exchange) {
        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
        if (businesses.fromFile()) {
            exchange.setProperty(Correlation.BUSINESS_ID, business.id());
        }
        if (businesses.all().size() > 1) {
            // so that one business's hanging calendar delays the next business's refresh by this at most
            exchange.setProperty(Deadline.PROPERTY, Deadline.in(budget));
        }
    }
}
