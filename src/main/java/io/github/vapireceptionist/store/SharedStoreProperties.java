package io.github.vapireceptionist.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * REDIS_URL ({@code redis://[user:password@]host:port/db}, {@code rediss://} for TLS): empty keeps all
 * state in this instance's memory. Each Redis command waits at most REDIS_TIMEOUT_MS, a connection
 * attempt at most {@code connectTimeoutMs}; after a failure Redis is tried again after {@code retryMs}.
 * SHARED_STORE_KEY ({@code key}): what the keys in Redis are hashed with (StoreKey); empty: derived from
 * WEBHOOK_SECRET.
 */
@Validated
@ConfigurationProperties("shared-store")
public record SharedStoreProperties(String redisUrl, @Min(1) @Max(60_000) int timeoutMs,
        @Min(1) @Max(60_000) int connectTimeoutMs, @Min(1) @Max(600_000) int retryMs, String key) {

    boolean redisConfigured() {
        return redisUrl != null && !redisUrl.isBlank();
    }

    /** The URL may hold a password, the key is a secret: neither is ever printed. */
    @Override
    public String toString() {
        return "SharedStoreProperties[redisUrl=" + (redisConfigured() ? "(set)" : "(none)") + ", timeoutMs=" + timeoutMs
                + ", connectTimeoutMs=" + connectTimeoutMs + ", retryMs=" + retryMs
                + ", key=" + (key == null || key.isBlank() ? "(none)" : "(set)") + "]";
    }
}
