package io.github.vapireceptionist.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key under which the store hashes what it is given (StoreKeys): every instance sharing a Redis needs
 * the same one. SHARED_STORE_KEY when set (at least 32 bytes), else derived from WEBHOOK_SECRET (which every
 * instance of a deployment shares already) as HMAC-SHA256(WEBHOOK_SECRET, {@value #PURPOSE}), so the
 * webhook secret itself never meets Redis. This instance's memory alone uses a random key.
 */
public final class StoreKey {

    static final String PURPOSE = "vapi-receptionist shared-store keys v1";
    static final int MIN_BYTES = 32;

    private StoreKey() {
    }

    /** The deployment's key; fails (without repeating either secret) when neither is usable. */
    public static byte[] of(String sharedStoreKey, String webhookSecret) {
        if (sharedStoreKey != null && !sharedStoreKey.isBlank()) {
            byte[] key = sharedStoreKey.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_BYTES) {
                throw new IllegalStateException("SHARED_STORE_KEY must be at least " + MIN_BYTES + " bytes");
            }
            return key;
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalStateException("REDIS_URL needs SHARED_STORE_KEY or WEBHOOK_SECRET: keys in Redis are keyed hashes");
        }
        return StoreKeys.hmac(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), PURPOSE);
    }

    /** A key only this process knows: for state that never leaves its memory. */
    static byte[] random() {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
