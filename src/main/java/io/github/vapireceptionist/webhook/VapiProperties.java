package io.github.vapireceptionist.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** VAPI_API_KEY, VAPI_ASSISTANT_ID, VAPI_PHONE_NUMBER: for keeping the assistant definition in step. */
@ConfigurationProperties("vapi")
public record VapiProperties(String apiKey, String assistantId, String phoneNumber) {
}
