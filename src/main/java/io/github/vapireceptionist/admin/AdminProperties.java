package io.github.vapireceptionist.admin;

import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.webhook.WebhookProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** ADMIN_API_TOKEN: the Bearer token of the GDPR admin API; unset, the API does not exist (404). */
@ConfigurationProperties("admin")
public record AdminProperties(String apiToken) {

    public boolean enabled() {
        return apiToken != null && !apiToken.isBlank();
    }

    /**
     * The admin API can export and erase any customer: when it is on, its token is held to the same 256 bits
     * as WEBHOOK_SECRET, and is never the webhook secret Vapi holds.
     */
    public List<String> productionProblems(WebhookProperties webhook) {
        List<String> problems = new ArrayList<>();
        if (!enabled()) {
            return problems;
        }
        ProductionReadiness.tooShort("ADMIN_API_TOKEN", apiToken).ifPresent(problems::add);
        if (webhook.hasSecret() && webhook.secret().equals(apiToken)) {
            problems.add("ADMIN_API_TOKEN is the same as WEBHOOK_SECRET (Vapi holds that one); use a token of its own");
        }
        return problems;
    }
}
