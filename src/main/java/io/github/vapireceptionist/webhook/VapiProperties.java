package io.github.vapireceptionist.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * VAPI_API_KEY, VAPI_ASSISTANT_ID, VAPI_PHONE_NUMBER: for keeping the assistant definition in step;
 * VAPI_ASSISTANT_ID also answers {@code assistant-request}. VAPI_PUBLIC_KEY: when set, the assistant
 * requires it on its call-control URL ({@code monitorPlan.controlAuthenticationEnabled}) and transfers
 * send it there as {@code Authorization: Bearer}.
 */
@ConfigurationProperties("vapi")
public record VapiProperties(String apiKey, String assistantId, String phoneNumber, String publicKey) {

    public boolean hasAssistantId() {
        return assistantId != null && !assistantId.isBlank();
    }

    public boolean hasPublicKey() {
        return publicKey != null && !publicKey.isBlank();
    }
}
