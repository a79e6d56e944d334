package io.github.vapireceptionist.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    /**
     * Production settings are checked before the secret is handed out (ProductionReadiness). In
     * development a missing secret is replaced by a random one, printed once so curls can use it.
     */
    @Bean
    WebhookSecret webhookSecret(WebhookProperties webhook, AppProperties app, EasyAppointmentsProperties calendar) {
        ProductionReadiness.check(app, webhook, calendar);
        if (webhook.hasSecret()) {
            return WebhookSecret.of(webhook.secret());
        }
        String generated = WebhookSecret.generate();
        log.warn("No WEBHOOK_SECRET set. Generated one for this development run only: {} "
                + "(send it as the x-vapi-secret header; set WEBHOOK_SECRET to keep it stable)", generated);
        return WebhookSecret.of(generated);
    }

    /**
     * WEBHOOK_AUTH_MODE. HMAC signatures are checked with WEBHOOK_HMAC_SECRET, or with WEBHOOK_SECRET
     * when that is empty (a generated development secret is never used for signing). The clock only
     * gives "now" for the replay window.
     */
    @Bean
    WebhookAuthenticator webhookAuthenticator(WebhookProperties webhook, WebhookSecret webhookSecret, Clock clock) {
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
        return new WebhookAuthenticator(mode, webhookSecret, new WebhookSignature(webhook.hmac(), signingSecret, clock));
    }

    @Bean
    FailedAuthentications failedAuthentications(RateLimitProperties limits, WebhookReplies webhookReplies) {
        return new FailedAuthentications(limits, webhookReplies);
    }

    /**
     * The webhook's own reader: Spring's mapper with limits a Vapi message never comes near
     * (webhook.json.*), so a hostile body is refused with 400 before it costs stack or memory.
     */
    @Bean
    VapiMessageParser vapiMessageParser(ObjectMapper json, WebhookJsonLimits limits) {
        ObjectMapper webhookJson = json.copy();
        webhookJson.getFactory().setStreamReadConstraints(limits.constraints());
        return new VapiMessageParser(webhookJson);
    }

    @Bean
    WebhookReplies webhookReplies(ObjectMapper json, MeterRegistry meters) {
        return new WebhookReplies(json, meters);
    }

    @Bean
    ToolOutcomeCollector toolOutcomeCollector() {
        return new ToolOutcomeCollector();
    }

    @Bean
    ToolAnswers toolAnswers(MeterRegistry meters) {
        return new ToolAnswers(meters);
    }

    @Bean
    Correlation correlation() {
        return new Correlation();
    }
}
