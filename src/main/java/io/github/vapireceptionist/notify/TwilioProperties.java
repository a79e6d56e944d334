package io.github.vapireceptionist.notify;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** TWILIO_*: without an account SID and auth token, confirmations run in dry-run. */
@Validated
@ConfigurationProperties("twilio")
public record TwilioProperties(
        String accountSid,
        String authToken,
        @Pattern(regexp = "^$|^\\+[1-9]\\d{6,14}$", message = "must be an E.164 number such as +441234567890")
        String phoneNumber,
        @Pattern(regexp = "^$|^whatsapp:\\+[1-9]\\d{6,14}$", message = "must look like whatsapp:+441234567890")
        String whatsappNumber,
        String apiBaseUrl,
        @Min(50) @Max(30_000) int connectTimeoutMs,
        @Min(50) @Max(60_000) int readTimeoutMs) {

    public boolean dryRun() {
        return accountSid == null || accountSid.isBlank() || authToken == null || authToken.isBlank();
    }
}
