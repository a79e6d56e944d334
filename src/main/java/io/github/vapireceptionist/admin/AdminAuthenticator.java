package io.github.vapireceptionist.admin;

import io.github.vapireceptionist.core.Secret;
import io.github.vapireceptionist.webhook.WebhookAuthenticator;
import org.apache.camel.Header;

/**
 * Whether an admin request may run: {@code Authorization: Bearer <ADMIN_API_TOKEN>}, compared in
 * constant time like the webhook secret. Without a token nothing is ever accepted (and the admin
 * routes are not even started).
 */
public class AdminAuthenticator {

    private final Secret token;

    public AdminAuthenticator(AdminProperties admin) {
        this.token = admin.enabled() ? Secret.of(admin.apiToken()) : null;
    }

    public boolean rejects(@Header("Authorization") String authorization) {
        return token == null || !token.matches(WebhookAuthenticator.bearerToken(authorization));
    }
}
