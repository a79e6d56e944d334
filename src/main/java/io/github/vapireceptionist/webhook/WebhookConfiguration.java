package io.github.vapireceptionist.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.business.BusinessTags;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.Secret;
import io.github.vapireceptionist.store.SharedStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    /**
     * WEBHOOK_AUTH_MODE. HMAC signatures are checked with WEBHOOK_HMAC_SECRET, or with WEBHOOK_SECRET
     * when that is empty (a generated development secret is never used for signing). The clock only
     * gives "now" for the replay window. Made only once the production checks have passed
     * (ProductionReadiness), so a production instance never reaches the generated secret.
     */
    @Bean
    WebhookAuthenticator webhookAuthenticator(WebhookProperties webhook, ProductionReadiness productionReadiness, Clock clock) {
        Secret webhookSecret = webhookSecret(webhook);
        WebhookProperties.AuthMode mode = webhook.authMode();
        if (!mode.acceptsSignature()) {
            return new WebhookAuthenticator(webhookSecret);
        }
        String signingSecret = webhook.signingSecret();
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalStateException("WEBHOOK_AUTH_MODE=" + mode.name().toLowerCase(Locale.ROOT)
                    + " needs WEBHOOK_HMAC_SECRET (or WEBHOOK_SECRET) to check signatures with");
        }
        log.info("Webhook authentication: {} (HMAC {} in {}, timestamp in {}, tolerance {} s)", mode,
                webhook.hmac().algorithm(), webhook.hmac().signatureHeader(), webhook.hmac().timestampHeader(),
                webhook.hmac().toleranceSeconds());
        return new WebhookAuthenticator(mode, webhookSecret, new WebhookSignature(webhook.hmac(), signingKeys(webhook), clock));
    }

    /**
     * The signing key, and during a rotation (WEBHOOK_AUTH_MODE=either) the one being rotated out,
     * WEBHOOK_HMAC_PREVIOUS_SECRET. Outside the switch that key is refused: a rotation ends by going back
     * to hmac, and a forgotten old key must not keep working.
     */
    private static List<String> signingKeys(WebhookProperties webhook) {
        HmacProperties hmac = webhook.hmac();
        if (!hmac.hasPreviousSecret()) {
            return List.of(webhook.signingSecret());
        }
        if (webhook.authMode() != WebhookProperties.AuthMode.EITHER) {
            log.warn("WEBHOOK_HMAC_PREVIOUS_SECRET is set but ignored: signatures made with it are accepted only with"
                    + " WEBHOOK_AUTH_MODE=either, while a rotation switches keys. Empty it once the rotation is done.");
            return List.of(webhook.signingSecret());
        }
        log.info("Webhook key rotation: signatures made with WEBHOOK_HMAC_PREVIOUS_SECRET are accepted as well, until it is"
                + " emptied and WEBHOOK_AUTH_MODE goes back to hmac");
        return List.of(webhook.signingSecret(), hmac.previousSecret());
    }

    /** In development a missing secret is replaced by a random one, printed once so curls can use it. */
    private static Secret webhookSecret(WebhookProperties webhook) {
        if (webhook.hasSecret()) {
            return Secret.of(webhook.secret());
        }
        String generated = Secret.generate();
        log.warn("No WEBHOOK_SECRET set. Generated one for this development run only: {} "
                + "(send it as the x-vapi-secret header; set WEBHOOK_SECRET to keep it stable)", generated);
        return Secret.of(generated);
    }

    /** Counted in the shared store: across all instances when REDIS_URL is set. */
    @Bean
    FailedAuthentications failedAuthentications(RateLimitProperties limits, WebhookReplies webhookReplies, SharedStore sharedStore) {
        return new FailedAuthentications(limits, webhookReplies, sharedStore);
    }

    /**
     * The webhook's own reader: Spring's mapper with limits a Vapi message never comes near
     * (webhook.json.*), so a hostile body is refused with 400 before it costs stack or memory.
     */
    @Bean
    VapiMessageParser vapiMessageParser(ObjectMapper json, WebhookJsonLimits limits) {
        return new VapiMessageParser(webhookJson(json, limits));
    }

    private static ObjectMapper webhookJson(ObjectMapper json, WebhookJsonLimits limits) {
        ObjectMapper webhookJson = json.copy();
        webhookJson.getFactory().setStreamReadConstraints(limits.constraints());
        return webhookJson;
    }

    /**
     * Which business a request is for and whether it may run anything: the environment's authenticator alone without
     * BUSINESSES_FILE; with it, the business's own credentials, HMAC signatures checked as WEBHOOK_HMAC_* say, and its
     * Vapi ids read under the same JSON limits as the message.
     */
    @Bean
    WebhookAuthentication webhookAuthentication(Businesses businesses, WebhookAuthenticator webhookAuthenticator,
            WebhookProperties webhook, Clock clock, ObjectMapper json, WebhookJsonLimits limits) {
        return new WebhookAuthentication(businesses, webhookAuthenticator, webhook.hmac(), clock,
                webhookJson(json, limits).getFactory());
    }

    @Bean
    WebhookReplies webhookReplies(ObjectMapper json, MeterRegistry meters) {
        return new WebhookReplies(json, meters);
    }

    @Bean
    AssistantRequests assistantRequests(VapiProperties vapi, Businesses businesses, MeterRegistry meters) {
        return new AssistantRequests(vapi, businesses, meters);
    }

    @Bean
    ToolOutcomeCollector toolOutcomeCollector() {
        return new ToolOutcomeCollector();
    }

    @Bean
    ToolAnswers toolAnswers(MeterRegistry meters, BusinessTags businessTags) {
        return new ToolAnswers(meters, businessTags);
    }

    @Bean
    Correlation correlation() {
        return new Correlation();
    }
}
