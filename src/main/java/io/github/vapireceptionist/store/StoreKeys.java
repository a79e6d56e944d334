package io.github.vapireceptionist.store;

import io.github.vapireceptionist.business.Businesses;
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
 * {@code vapi-receptionist:<kind>:person:<hmac>} for the index of one person's answers. A business other than
 * {@value Businesses#DEFAULT_ID} has its own keys, {@code vapi-receptionist:<kind>:b:<businessId>:<hmac>} (and
 * {@code ...:b:<businessId>:person:<hmac>}): its id in clear (ids are in URLs, not secret), so one business's entries
 * are never another's even for the same key (appointment 42 in two calendars). The default business's keys are what
 * they were before there were several, so a running single-business deployment keeps its entries in Redis. The key a
 * feature gives (a client address, a caller number, a tool call id) and the person's lower-cased email
 * are only ever kept as their HMAC-SHA256 under the deployment's store key, never in clear. A plain
 * SHA-256 would not do: there are few enough phone numbers to hash them all and read a key back.
 */
final class StoreKeys {

    static final String NAMESPACE = "vapi-receptionist";
    private static final String HMAC = "HmacSHA256";
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    /** As BusinessesFile's ids: never a colon, so a business's keys cannot be read as another's. */
    private static final Pattern BUSINESS = Pattern.compile("[a-z0-9-]{1,63}");

    private final String prefix;
    private final SecretKeySpec secret;

    /** {@code secret}: the deployment's store key (StoreKey), the same on every instance sharing a Redis. */
    StoreKeys(String kind, byte[] secret) {
        this(kind, Businesses.DEFAULT_ID, secret);
    }

    /** {@code businessId}: whose keys; {@value Businesses#DEFAULT_ID}'s have no business segment. */
    StoreKeys(String kind, String businessId, byte[] secret) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a kind is a short lower-case name, e.g. auth-failures: " + kind);
        }
        this.prefix = NAMESPACE + ":" + kind + ":" + businessSegment(businessId);
        this.secret = new SecretKeySpec(secret, HMAC);
    }

    /** Empty for the default business; {@code b:<id>:} for any other. */
    static String businessSegment(String businessId) {
        if (businessId == null || !BUSINESS.matcher(businessId).matches()) {
            throw new IllegalArgumentException("a business id is lower-case letters, digits and dashes: " + businessId);
        }
        return Businesses.DEFAULT_ID.equals(businessId) ? "" : "b:" + businessId + ":";
    }

    /** A key named in clear under this kind (and business), e.g. the hash of open items: {@code <prefix>open}. */
    String named(String name) {
        return prefix + name;
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
