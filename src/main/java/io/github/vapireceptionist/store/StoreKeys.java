package io.github.vapireceptionist.store;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every key the store writes: {@code vapi-receptionist:<kind>:<hmac>} for an entry,
 * {@code vapi-receptionist:<kind>:person:<hmac>} for the index of one person's answers. The key a
 * feature gives (a client address, a caller number, a tool call id) and the person's lower-cased email
 * are only ever kept as their HMAC-SHA256 under the deployment's store key, never in clear. A plain
 * SHA-256 would not do: there are few enough phone numbers to hash them all and read a key back.
 */
final class StoreKeys {

    static final String NAMESPACE = "vapi-receptionist";
    private static final String HMAC = "HmacSHA256";
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private final String prefix;
    private final SecretKeySpec secret;

    /** {@code secret}: the deployment's store key (StoreKey), the same on every instance sharing a Redis. */
    StoreKeys(String kind, byte[] secret) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a kind is a short lower-case name, e.g. auth-failures: " + kind);
        }
        this.prefix = NAMESPACE + ":" + kind + ":";
        this.secret = new SecretKeySpec(secret, HMAC);
    }

    String entry(String key) {
        if (key == null) {
            throw new IllegalArgumentException("no key");
        }
        return prefix + hmac(key);
    }

    String person(String email) {
        return prefix + "person:" + hmac(email.strip().toLowerCase(Locale.ROOT));
    }

    private String hmac(String text) {
        return HexFormat.of().formatHex(hmac(secret, text));
    }

    static byte[] hmac(SecretKeySpec secret, String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
