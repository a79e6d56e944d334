package io.github.vapireceptionist.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Vapi's HMAC request signature: {@code HMAC(secret, "{timestamp}.{rawBody}")} over the
 * bytes exactly as they arrived (never re-serialised JSON), compared in constant time. The cheap
 * checks come first: headers present, timestamp within the tolerance, signature decodable with the
 * algorithm's length; only then is the body hashed. While a key is rotated out, a signature made
 * with either key is accepted (every key is tried, so the time taken does not say which one matched).
 */
public final class WebhookSignature {

    /** Below this a timestamp is in seconds (until the year 5138), above it in milliseconds (after 1973). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final HmacProperties settings;
    private final List<SecretKeySpec> keys;
    private final int macLength;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookSignature(HmacProperties settings, String secret, Clock clock) {
        this(settings, List.of(secret == null ? "" : secret), clock);
    }

    /** {@code secrets}: the current key first (the one {@link #signatureFor} signs with), then one being rotated out. */
    public WebhookSignature(HmacProperties settings, List<String> secrets, Clock clock) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(secret -> secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("the HMAC secret must not be empty");
        }
        this.settings = settings;
        this.keys = secrets.stream()
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), settings.algorithm().jcaName()))
                .toList();
        this.macLength = newMac(keys.get(0)).getMacLength();
        this.tolerance = Duration.ofSeconds(settings.toleranceSeconds());
        this.clock = clock;
    }

    public HmacProperties settings() {
        return settings;
    }

    public boolean verifies(String signature, String timestamp, byte[] body) {
        return verifies(signature, timestamp, () -> body);
    }

    /** The body is only read once the headers have passed the cheap checks. */
    public boolean verifies(String signature, String timestamp, Supplier<byte[]> body) {
        byte[] presented = plausible(signature, timestamp) ? decode(signature) : null;
        if (presented == null) {
            return false;
        }
        byte[] raw = body.get();
        if (raw == null) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            matched |= MessageDigest.isEqual(sign(key, timestamp, raw), presented);
        }
        return matched;
    }

    /** The checks that need no body: a fresh timestamp and a signature of the algorithm's length. */
    public boolean plausible(String signature, String timestamp) {
        byte[] presented = fresh(timestamp) ? decode(signature) : null;
        return presented != null && presented.length == macLength;
    }

    /** What a sender puts in the signature header for this timestamp and body (tests, tools). */
    public String signatureFor(String timestamp, byte[] body) {
        byte[] mac = sign(keys.get(0), timestamp, body);
        return settings.signaturePrefix() + (settings.encoding() == HmacProperties.Encoding.HEX
                ? HexFormat.of().formatHex(mac) : Base64.getEncoder().encodeToString(mac));
    }

    private byte[] sign(SecretKeySpec key, String timestamp, byte[] body) {
        Mac mac = newMac(key);
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return mac.doFinal(body);
    }

    private boolean fresh(String timestamp) {
        if (timestamp == null || timestamp.isEmpty() || timestamp.length() > 16 || !timestamp.chars().allMatch(Character::isDigit)) {
            return false;
        }
        long value = Long.parseLong(timestamp);
        Instant signedAt = value < MILLIS_THRESHOLD ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        return Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) <= 0;
    }

    private byte[] decode(String signature) {
        String prefix = settings.signaturePrefix();
        if (signature == null || !signature.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        String encoded = signature.substring(prefix.length()).strip();
        try {
            return settings.encoding() == HmacProperties.Encoding.HEX
                    ? HexFormat.of().parseHex(encoded) : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(settings.algorithm().jcaName());
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(settings.algorithm() + " is part of every Java runtime", e);
        }
    }
}
