package io.github.vapireceptionist.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.micrometer.core.instrument.MeterRegistry;
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

    @Bean
    WebhookAuthenticator webhookAuth(WebhookSecret webhookSecret) {
        return new WebhookAuthenticator(webhookSecret);
    }

    @Bean
    VapiMessageParser vapiMessages(ObjectMapper json) {
        return new VapiMessageParser(json);
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
