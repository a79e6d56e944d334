package io.github.vapireceptionist.admin;

import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
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
     * The admin API can export and erase any customer of any business: when it is on, its token is held to the same
     * 256 bits as WEBHOOK_SECRET, and is never a webhook credential Vapi holds, of any business (one business's Vapi
     * secret must not open every business's customers).
     */
    public List<String> productionProblems(Businesses businesses) {
        List<String> problems = new ArrayList<>();
        if (!enabled()) {
            return problems;
        }
        ProductionReadiness.tooShort("ADMIN_API_TOKEN", apiToken).ifPresent(problems::add);
        problems.addAll(sameAsAWebhookCredential(businesses.all(), businesses.fromFile()));
        return problems;
    }

    /**
     * Each webhook secret or HMAC secret of {@code businesses} equal to the token, named by its business and its
     * variable, never by its value; {@code fromFile} false: the environment's one business, named by the variable
     * alone (WEBHOOK_SECRET, WEBHOOK_HMAC_SECRET).
     */
    private List<String> sameAsAWebhookCredential(List<Business> businesses, boolean fromFile) {
        List<String> problems = new ArrayList<>();
        for (Business business : businesses) {
            business.webhookCredentialsEqualTo(apiToken).forEach(variable -> problems.add("ADMIN_API_TOKEN is the same as "
                    + (fromFile ? "business " + business.id() + "'s " : "") + variable
                    + " (Vapi holds that one); use a token of its own"));
        }
        return problems;
    }
}
