package io.github.vapireceptionist.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret every webhook request must present. Comparison hashes both sides first, so it takes
 * the same time whatever the candidate's length or content; an empty candidate never matches.
 */
public final class Secret {

    private final byte[] expectedDigest;

    private Secret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret must not be empty");
        }
        this.expectedDigest = sha256(secret);
    }

    public static Secret of(String secret) {
        return new Secret(secret);
    }

    /** A fresh 256-bit secret, URL-safe, for development runs without WEBHOOK_SECRET. */
    public static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public boolean matches(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(candidate));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
