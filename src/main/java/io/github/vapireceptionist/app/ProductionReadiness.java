package io.github.vapireceptionist.app;

import io.github.vapireceptionist.admin.AdminProperties;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.webhook.WebhookProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What must be true before a production instance answers a real phone line: a webhook secret of
 * at least 256 bits (and an HMAC secret of at least 256 bits when one is set; without one, HMAC
 * signatures are checked with the webhook secret), and a real calendar (the sandbox forgets every
 * booking on restart).
 */
public final class ProductionReadiness {

    static final int MIN_SECRET_BYTES = 32;

    private ProductionReadiness() {
    }

    public static void check(AppProperties app, WebhookProperties webhook, EasyAppointmentsProperties calendar) {
        if (!app.production()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!webhook.hasSecret()) {
            problems.add("WEBHOOK_SECRET is not set");
        } else if (bytes(webhook.secret()) < MIN_SECRET_BYTES) {
            problems.add("WEBHOOK_SECRET is shorter than " + MIN_SECRET_BYTES
                    + " bytes (256 bits); generate one with: openssl rand -hex 32");
        }
        if (webhook.hmac().hasSecret() && bytes(webhook.hmac().secret()) < MIN_SECRET_BYTES) {
            problems.add("WEBHOOK_HMAC_SECRET is shorter than " + MIN_SECRET_BYTES
                    + " bytes (256 bits); generate one with: openssl rand -hex 32");
        }
        if (calendar.sandbox()) {
            problems.add("EASYAPPOINTMENTS_BASE_URL is not set (production never runs on the sandbox calendar)");
        }
        if (!problems.isEmpty()) {
            throw new UnsafeConfigurationException(problems);
        }
    }

    /**
     * The GDPR admin API can export and erase any customer: in production its token, when set, is
     * held to the same 256 bits as WEBHOOK_SECRET, and is never the webhook secret Vapi holds.
     */
    public static void checkAdminToken(AppProperties app, AdminProperties admin, WebhookProperties webhook) {
        if (!app.production() || !admin.enabled()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (bytes(admin.apiToken()) < MIN_SECRET_BYTES) {
            problems.add("ADMIN_API_TOKEN is shorter than " + MIN_SECRET_BYTES
                    + " bytes (256 bits); generate one with: openssl rand -hex 32");
        }
        if (webhook.hasSecret() && webhook.secret().equals(admin.apiToken())) {
            problems.add("ADMIN_API_TOKEN is the same as WEBHOOK_SECRET (Vapi holds that one); use a token of its own");
        }
        if (!problems.isEmpty()) {
            throw new UnsafeConfigurationException(problems);
        }
    }

    private static int bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8).length;
    }
}
