package io.github.vapireceptionist.assistant;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * VAPI_API_BASE_URL and VAPI_ASSISTANT_FILE: where the assistant sync finds Vapi's REST API (a stand-in
 * in tests) and the assistant definition it sends; VAPI_WEBHOOK_CREDENTIAL_TYPE and _NAME: the webhook
 * credential it keeps for the assistant and its tools. The API key, assistant id, phone number and public
 * key are {@code VapiProperties} (VAPI_API_KEY, VAPI_ASSISTANT_ID, VAPI_PHONE_NUMBER, VAPI_PUBLIC_KEY).
 */
@ConfigurationProperties("vapi")
public record AssistantSyncProperties(
        @DefaultValue(DEFAULT_API_BASE_URL) URI apiBaseUrl,
        @DefaultValue(DEFAULT_ASSISTANT_FILE) String assistantFile,
        @DefaultValue WebhookCredential webhookCredential) {

    public static final String DEFAULT_API_BASE_URL = "https://api.vapi.ai";
    public static final String DEFAULT_ASSISTANT_FILE = "vapi/assistant.json";
    public static final String DEFAULT_CREDENTIAL_NAME = "vapi-receptionist webhook";
    /** CreateWebhookCredentialDTO.name: 1 to 40 characters. */
    static final int MAX_CREDENTIAL_NAME_LENGTH = 40;

    /** How Vapi authenticates to the webhook: an HMAC signature of each body (default) or a bearer token. */
    public enum CredentialType { HMAC, BEARER }

    /** The webhook credential the sync creates once and then updates in place, found again by its name. */
    public record WebhookCredential(CredentialType type, String name) {

        public WebhookCredential {
            type = type == null ? CredentialType.HMAC : type;
            name = name == null || name.isBlank() ? DEFAULT_CREDENTIAL_NAME : name.strip();
        }
    }

    /** An empty VAPI_API_BASE_URL or VAPI_ASSISTANT_FILE (as a copied .env has them) means the default. */
    @ConstructorBinding
    public AssistantSyncProperties {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.toString().isBlank() ? URI.create(DEFAULT_API_BASE_URL) : apiBaseUrl;
        assistantFile = assistantFile == null || assistantFile.isBlank() ? DEFAULT_ASSISTANT_FILE : assistantFile.strip();
        webhookCredential = webhookCredential == null ? new WebhookCredential(null, null) : webhookCredential;
    }

    public AssistantSyncProperties(URI apiBaseUrl, String assistantFile) {
        this(apiBaseUrl, assistantFile, null);
    }
}
