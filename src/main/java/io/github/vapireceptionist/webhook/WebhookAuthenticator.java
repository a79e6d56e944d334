package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.core.Secret;
import io.github.vapireceptionist.webhook.WebhookProperties.AuthMode;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.MessageHelper;

/**
 * Decides whether a webhook request may run anything, per WEBHOOK_AUTH_MODE: the shared secret
 * ({@code x-vapi-secret: <secret>} or {@code Authorization: Bearer <secret>}), a valid HMAC
 * signature of the raw body, or either. Called by the webhook route as its first step, before
 * the body is parsed; the body is only read for a signature whose headers passed the cheap checks.
 */
public class WebhookAuthenticator {

    static final String SECRET_HEADER = "x-vapi-secret";
    private static final String BEARER = "Bearer ";

    private final AuthMode mode;
    private final Secret secret;
    private final WebhookSignature signature;

    public WebhookAuthenticator(AuthMode mode, Secret secret, WebhookSignature signature) {
        if (mode.acceptsSignature() && signature == null) {
            throw new IllegalArgumentException("auth mode " + mode + " needs an HMAC secret");
        }
        this.mode = mode;
        this.secret = secret;
        this.signature = signature;
    }

    /** Shared-secret authentication only. */
    public WebhookAuthenticator(Secret secret) {
        this(AuthMode.SECRET, secret, null);
    }

    public boolean rejects(Exchange exchange) {
        Message request = exchange.getMessage();
        return !authenticates(name -> request.getHeader(name, String.class), () -> rawBody(request));
    }

    /** The shared-secret check alone: {@code x-vapi-secret} and {@code Authorization} as given. */
    public boolean rejectsSecret(String sharedSecret, String authorization) {
        return !(mode.acceptsSecret() && presentsSecret(sharedSecret, authorization));
    }

    boolean authenticates(Function<String, String> header, Supplier<byte[]> body) {
        if (mode.acceptsSecret() && presentsSecret(header.apply(SECRET_HEADER), header.apply("Authorization"))) {
            return true;
        }
        return mode.acceptsSignature() && signature.verifies(header.apply(signature.settings().signatureHeader()),
                header.apply(signature.settings().timestampHeader()), body);
    }

    /**
     * Whether the headers alone leave any chance of authenticating: the right secret, or a signature
     * that passes the checks needing no body. A client that already failed too often is refused
     * before its body is read when this is false (FailedAuthenticationFilter).
     */
    public boolean couldAuthenticate(Function<String, String> header) {
        if (mode.acceptsSecret() && presentsSecret(header.apply(SECRET_HEADER), header.apply("Authorization"))) {
            return true;
        }
        return mode.acceptsSignature() && signature.plausible(header.apply(signature.settings().signatureHeader()),
                header.apply(signature.settings().timestampHeader()));
    }

    private boolean presentsSecret(String sharedSecret, String authorization) {
        return secret.matches(sharedSecret) || secret.matches(bearerToken(authorization));
    }

    /** The body as the bytes that were sent, left readable again for the next step. */
    static byte[] rawBody(Message request) {
        try {
            return request.getBody(byte[].class);
        } finally {
            MessageHelper.resetStreamCache(request);
        }
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
