package io.github.vapireceptionist.webhook;

import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How Vapi signs requests with an HMAC credential: {@code signatureHeader} carries
 * {@code prefix + encode(HMAC(secret, timestamp + "." + rawBody))} and {@code timestampHeader} the
 * timestamp (epoch seconds or milliseconds). Each part mirrors a field of Vapi's HMAC
 * authentication plan (HMACAuthenticationPlan), so both sides can be set alike; the assistant sync
 * writes the credential from these very settings. A signature older or newer than
 * {@code toleranceSeconds} is refused, which bounds how long a captured request can be replayed.
 * {@code previousSecret} is the key being rotated out: signatures made with it are accepted too, in
 * WEBHOOK_AUTH_MODE=either only (the switch).
 */
public record HmacProperties(String secret, Algorithm algorithm, String signatureHeader, String timestampHeader,
        String signaturePrefix, Encoding encoding, Integer toleranceSeconds, String previousSecret) {

    static final HmacProperties DEFAULTS = new HmacProperties(null, null, null, null, null, null, null);

    public enum Algorithm {
        SHA256("HmacSHA256"), SHA512("HmacSHA512"), SHA1("HmacSHA1");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        public String jcaName() {
            return jcaName;
        }
    }

    public enum Encoding { HEX, BASE64 }

    @ConstructorBinding
    public HmacProperties {
        algorithm = algorithm == null ? Algorithm.SHA256 : algorithm;
        signatureHeader = isBlank(signatureHeader) ? "x-signature" : signatureHeader.strip();
        timestampHeader = isBlank(timestampHeader) ? "x-timestamp" : timestampHeader.strip();
        signaturePrefix = signaturePrefix == null ? "" : signaturePrefix;
        encoding = encoding == null ? Encoding.HEX : encoding;
        toleranceSeconds = toleranceSeconds == null ? 300 : toleranceSeconds;
        if (toleranceSeconds < 1) {
            throw new IllegalArgumentException("WEBHOOK_HMAC_TOLERANCE_SECONDS must be at least 1");
        }
    }

    /** Without a key being rotated out. */
    public HmacProperties(String secret, Algorithm algorithm, String signatureHeader, String timestampHeader,
            String signaturePrefix, Encoding encoding, Integer toleranceSeconds) {
        this(secret, algorithm, signatureHeader, timestampHeader, signaturePrefix, encoding, toleranceSeconds, null);
    }

    public boolean hasSecret() {
        return !isBlank(secret);
    }

    public boolean hasPreviousSecret() {
        return !isBlank(previousSecret);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
