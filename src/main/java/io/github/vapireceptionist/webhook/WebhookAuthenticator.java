package io.github.vapireceptionist.webhook;

import org.apache.camel.Header;

/**
 * Decides whether a webhook request may run anything: {@code x-vapi-secret: <secret>} or
 * {@code Authorization: Bearer <secret>}. Called by the webhook route before the body is read.
 */
public class WebhookAuthenticator {

    static final String SECRET_HEADER = "x-vapi-secret";
    private static final String BEARER = "Bearer ";

    private final WebhookSecret secret;

    public WebhookAuthenticator(WebhookSecret secret) {
        this.secret = secret;
    }

    public boolean rejects(@Header(SECRET_HEADER) String sharedSecret, @Header("Authorization") String authorization) {
        return !(secret.matches(sharedSecret) || secret.matches(bearerToken(authorization)));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null (the admin API reads it too). */
    public static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }
}
