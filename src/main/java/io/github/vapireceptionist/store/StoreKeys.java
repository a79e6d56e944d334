package io.github.vapireceptionist.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every key the store writes: {@code vapi-receptionist:<kind>:<sha256>} for an entry,
 * {@code vapi-receptionist:<kind>:person:<sha256>} for the index of one person's answers. The key a
 * feature gives (a client address, a caller number, a tool call id) and the person's lower-cased email
 * are only ever kept as their SHA-256, never in clear.
 */
final class StoreKeys {

    static final String NAMESPACE = "vapi-receptionist";
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private final String prefix;

    StoreKeys(String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a kind is a short lower-case name, e.g. auth-failures: " + kind);
        }
        this.prefix = NAMESPACE + ":" + kind + ":";
    }

    String entry(String key) {
        if (key == null) {
            throw new IllegalArgumentException("no key");
        }
        return prefix + sha256(key);
    }

    String person(String email) {
        return prefix + "person:" + sha256(email.strip().toLowerCase(Locale.ROOT));
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
