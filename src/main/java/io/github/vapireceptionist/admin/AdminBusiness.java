package io.github.vapireceptionist.admin;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.webhook.Correlation;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The business an admin request is for: the one its path names ({@code /api/admin/{businessId}/customers...}). It
 * travels with the exchange as the webhook's does, so every calendar call of the request goes to that business's
 * calendar, and what is forgotten is that business's; its id is on the request's log lines and audit line.
 */
public class AdminBusiness {

    private final Businesses businesses;

    public AdminBusiness(Businesses businesses) {
        this.businesses = businesses;
    }

    /**
     * True when no business has the id the path names (the route answers 404); otherwise puts that business on the
     * exchange, as the webhook's authentication does.
     */
    public boolean unknown(@Header("businessId") String businessId, Exchange exchange) {
        Business business = businesses.byId(businessId).orElse(null);
        if (business == null) {
            return true;
        }
        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
        if (businesses.fromFile()) {
            // as the webhook's lines: a deployment of the environment's one business names none
            exchange.setProperty(Correlation.BUSINESS_ID, business.id());
        }
        return false;
    }
}
