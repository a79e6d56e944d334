package io.github.vapireceptionist.assistant;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * VAPI_API_BASE_URL and VAPI_ASSISTANT_FILE: where the assistant sync finds Vapi's REST API (a stand-in
 * in tests) and the assistant definition it sends. The API key, assistant id and phone number are
 * {@code VapiProperties} (VAPI_API_KEY, VAPI_ASSISTANT_ID, VAPI_PHONE_NUMBER).
 */
@ConfigurationProperties("vapi")
public record AssistantSyncProperties(
        @DefaultValue(DEFAULT_API_BASE_URL) URI apiBaseUrl,
        @DefaultValue(DEFAULT_ASSISTANT_FILE) String assistantFile) {

    public static final String DEFAULT_API_BASE_URL = "https://api.vapi.ai";
    public static final String DEFAULT_ASSISTANT_FILE = "vapi/assistant.json";

    /** An empty VAPI_API_BASE_URL or VAPI_ASSISTANT_FILE (as a copied .env has them) means the default. */
    public AssistantSyncProperties {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.toString().isBlank() ? URI.create(DEFAULT_API_BASE_URL) : apiBaseUrl;
        assistantFile = assistantFile == null || assistantFile.isBlank() ? DEFAULT_ASSISTANT_FILE : assistantFile.strip();
    }
}
