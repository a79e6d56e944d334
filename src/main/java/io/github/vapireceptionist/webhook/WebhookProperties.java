package io.github.vapireceptionist.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** WEBHOOK_SECRET: what Vapi sends in {@code x-vapi-secret} or as a Bearer token. */
@ConfigurationProperties("webhook")
public record WebhookProperties(String secret) {

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }
}
