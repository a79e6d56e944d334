package io.github.vapireceptionist.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.Secret;
import io.github.vapireceptionist.webhook.WebhookProperties.AuthMode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The webhook route's first decision: which business a request is for, and whether it presents that business's
 * credentials. Without BUSINESSES_FILE there is one business and nothing is read to find it: the request is checked
 * by the environment's {@link WebhookAuthenticator} exactly as before. With the file, the business is the one the path
 * names ({@code /api/webhooks/vapi/{businessId}}), else the first of the message's Vapi ids that a business claims
 * ({@link VapiIds}: the phone number's, then the assistant's), and the request must then authenticate with that
 * business's own secret or HMAC key: one business's credentials never open another's. A request naming no known
 * business is refused exactly as a wrong secret is (the same 401, counted as a failed authentication), before
 * anything runs.
 *
 * <p>The business travels with the exchange as the property {@value Businesses#EXCHANGE_PROPERTY}; with the file its id
 * is also {@value Correlation#BUSINESS_ID} on every log line of the request.
 */
public class WebhookAuthentication {

    private final Businesses businesses;
    private final WebhookAuthenticator single;
    private final HmacProperties hmac;
    private final Clock clock;
    private final JsonFactory json;
    private final AtomicReference<Authenticators> authenticators = new AtomicReference<>();

    /** Each business's authenticators, made once for one set of businesses. */
    private record Authenticators(Businesses.Snapshot of, Map<String, WebhookAuthenticator> byId) {
    }

    /**
     * {@code single}: the environment's credentials, for the one business without the file; {@code hmac} and
     * {@code clock}: how every business's HMAC signatures are checked (Vapi's format is the same for all);
     * {@code json}: the webhook's reader, with its limits, for the Vapi ids.
     */
    public WebhookAuthentication(Businesses businesses, WebhookAuthenticator single, HmacProperties hmac, Clock clock,
            JsonFactory json) {
        this.businesses = businesses;
        this.single = single;
        this.hmac = hmac;
        this.clock = clock;
        this.json = json;
    }

    public boolean rejects(Exchange exchange) {
        if (!businesses.fromFile()) {
            exchange.setProperty(Businesses.EXCHANGE_PROPERTY, businesses.all().get(0));
            return single.rejects(exchange);
        }
        Authenticators now = authenticators();
        Message request = exchange.getMessage();
        String pathId = WebhookPath.businessId(request.getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class));
        byte[] body = pathId == null ? WebhookAuthenticator.rawBody(request) : null;
        Business business = pathId != null ? now.of().byId().get(pathId) : claimedBy(now.of(), VapiIds.read(json, body));
        if (business == null) {
            return true;
        }
        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
        Correlation.business(exchange, business.id());
        return !now.byId().get(business.id()).authenticates(name -> request.getHeader(name, String.class),
                () -> body != null ? body : WebhookAuthenticator.rawBody(request));
    }

    /**
     * Whether the headers alone leave any chance of authenticating (FailedAuthenticationFilter): with the file, with
     * the credentials of the business the path names, or, when the body must say which business, of any business.
     */
    public boolean couldAuthenticate(HttpServletRequest request) {
        if (!businesses.fromFile()) {
            return single.couldAuthenticate(request::getHeader);
        }
        Authenticators now = authenticators();
        String pathId = WebhookPath.businessId(request);
        if (pathId != null) {
            WebhookAuthenticator authenticator = now.byId().get(pathId);
            return authenticator != null && authenticator.couldAuthenticate(request::getHeader);
        }
        return now.byId().values().stream().anyMatch(authenticator -> authenticator.couldAuthenticate(request::getHeader));
    }

    /** The first of the message's ids that a business claims: its phone number's before its assistant's. */
    private static Business claimedBy(Businesses.Snapshot businesses, VapiIds ids) {
        for (String id : ids.phoneNumberIds()) {
            Business business = businesses.byPhoneNumberId().get(id);
            if (business != null) {
                return business;
            }
        }
        for (String id : ids.assistantIds()) {
            Business business = businesses.byAssistantId().get(id);
            if (business != null) {
                return business;
            }
        }
        return null;
    }

    /** Made again only when the set of businesses has been replaced. */
    private Authenticators authenticators() {
        Businesses.Snapshot now = businesses.snapshot();
        Authenticators made = authenticators.get();
        if (made != null && made.of() == now) {
            return made;
        }
        Map<String, WebhookAuthenticator> byId = new HashMap<>();
        now.all().forEach(business -> byId.put(business.id(), authenticator(business.webhook())));
        Authenticators fresh = new Authenticators(now, Map.copyOf(byId));
        authenticators.set(fresh);
        return fresh;
    }

    /** The business's secret, its HMAC key, or both (either accepted). */
    private WebhookAuthenticator authenticator(Business.Webhook webhook) {
        if (webhook.hmacSecret() == null) {
            return new WebhookAuthenticator(Secret.of(webhook.secret().value()));
        }
        WebhookSignature signature = new WebhookSignature(hmac, webhook.hmacSecret().value(), clock);
        return webhook.secret() == null
                ? new WebhookAuthenticator(AuthMode.HMAC, Secret.of(webhook.hmacSecret().value()), signature)
                : new WebhookAuthenticator(AuthMode.EITHER, Secret.of(webhook.secret().value()), signature);
    }
}
