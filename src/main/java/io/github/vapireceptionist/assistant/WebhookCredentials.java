package io.github.vapireceptionist.assistant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.assistant.AssistantSyncProperties.CredentialType;
import io.github.vapireceptionist.assistant.AssistantSyncProperties.WebhookCredential;
import io.github.vapireceptionist.webhook.HmacProperties;
import io.github.vapireceptionist.webhook.WebhookProperties;
import io.github.vapireceptionist.webhook.WebhookProperties.AuthMode;
import java.util.Locale;
import java.util.Optional;

/**
 * The webhook credential Vapi authenticates to this backend with, written from the very settings the
 * backend verifies with, so the two cannot drift apart. The shapes are Vapi's CreateWebhookCredentialDTO
 * / UpdateWebhookCredentialDTO ({@code provider: "webhook"}, {@code name}, {@code authenticationPlan})
 * with an HMACAuthenticationPlan or a BearerAuthenticationPlan, from Vapi's published OpenAPI
 * (fern/apis/api/openapi.json in VapiAI/docs, August 2026).
 */
final class WebhookCredentials {

    /** What WebhookSignature verifies: HMAC over "{timestamp}.{rawBody}" (HMACAuthenticationPlan.payloadFormat). */
    static final String PAYLOAD_FORMAT = "{timestamp}.{body}";

    private WebhookCredentials() {
    }

    /**
     * Why the backend, as configured, would refuse what this credential sends; empty when it accepts it.
     * The sync reads the backend's own settings, so it can tell before anything changes in Vapi.
     */
    static Optional<String> mismatch(WebhookCredential credential, WebhookProperties webhook) {
        AuthMode mode = webhook.authMode();
        String name = credential.type().name().toLowerCase(Locale.ROOT);
        if (credential.type() == CredentialType.HMAC && !mode.acceptsSignature()) {
            return Optional.of("VAPI_WEBHOOK_CREDENTIAL_TYPE is " + name + ", but with WEBHOOK_AUTH_MODE=secret the backend"
                    + " would refuse every signed request. Set WEBHOOK_AUTH_MODE=hmac (or either while the assistant"
                    + " still sends the old x-vapi-secret header, see the README's Vapi setup), restart the backend,"
                    + " then sync; or keep the shared secret with VAPI_WEBHOOK_CREDENTIAL_TYPE=bearer.");
        }
        if (credential.type() == CredentialType.BEARER && !mode.acceptsSecret()) {
            return Optional.of("VAPI_WEBHOOK_CREDENTIAL_TYPE is " + name + ", but with WEBHOOK_AUTH_MODE=hmac the backend"
                    + " would refuse the bearer token. Set WEBHOOK_AUTH_MODE=secret or either, or use"
                    + " VAPI_WEBHOOK_CREDENTIAL_TYPE=hmac.");
        }
        return Optional.empty();
    }

    /** The key this credential carries: the only place a secret leaves for Vapi. */
    static String secret(WebhookCredential credential, WebhookProperties webhook) {
        return credential.type() == CredentialType.HMAC ? webhook.signingSecret() : webhook.secret();
    }

    /** The body of {@code POST /credential} and of {@code PATCH /credential/{id}}: the whole credential each time. */
    static ObjectNode body(WebhookCredential credential, WebhookProperties webhook) {
        return body(credential, webhook.secret(), webhook.signingSecret(), webhook.hmac());
    }

    /**
     * The same for a business of BUSINESSES_FILE: its own shared secret or HMAC key, with the deployment's HMAC
     * headers and algorithm (Vapi's, the same for every business).
     */
    static ObjectNode body(WebhookCredential credential, String secret, String signingSecret, HmacProperties hmac) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("provider", "webhook")
                .put("name", credential.name());
        ObjectNode plan = body.putObject("authenticationPlan");
        if (credential.type() == CredentialType.BEARER) {
            plan.put("type", "bearer")
                    .put("token", secret)
                    .put("headerName", "Authorization")
                    .put("bearerPrefixEnabled", true);
            return body;
        }
        plan.put("type", "hmac")
                .put("secretKey", signingSecret)
                .put("algorithm", hmac.algorithm().name().toLowerCase(Locale.ROOT))
                .put("signatureHeader", hmac.signatureHeader())
                .put("timestampHeader", hmac.timestampHeader())
                // a signature without a timestamp could be replayed for ever: the backend refuses those
                .put("includeTimestamp", true)
                .put("payloadFormat", PAYLOAD_FORMAT)
                .put("signatureEncoding", hmac.encoding().name().toLowerCase(Locale.ROOT));
        if (!hmac.signaturePrefix().isEmpty()) {
            plan.put("signaturePrefix", hmac.signaturePrefix());
        }
        return body;
    }

    /** For the log: how Vapi will authenticate, never the key. */
    static String describe(WebhookCredential credential, WebhookProperties webhook) {
        return describe(credential, "WEBHOOK_SECRET", webhook.hmac());
    }

    /** For the log: how Vapi will authenticate, naming the variable of the shared secret, never the key. */
    static String describe(WebhookCredential credential, String secretVariable, HmacProperties hmac) {
        if (credential.type() == CredentialType.BEARER) {
            return secretVariable + " as Authorization: Bearer";
        }
        return "HMAC-" + hmac.algorithm() + " of each body in " + hmac.signatureHeader() + ", timestamp in "
                + hmac.timestampHeader();
    }
}
