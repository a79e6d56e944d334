package io.github.vapireceptionist.notify;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * CONFIRMATION_*: which channels confirm a booking, the wording, how long the caller may wait for
 * a channel to accept it, and how often a temporary failure is retried. The Twilio channels form one
 * fallback chain in the order listed ({@code whatsapp,sms}: WhatsApp, SMS if WhatsApp gives up);
 * {@code email} is sent in addition, whatever the chain does ({@code sms,email}: both).
 */
@Validated
@ConfigurationProperties("confirmation")
public record ConfirmationProperties(
        @NotEmpty List<Channel> channels,
        @NotBlank String template,
        @Min(0) @Max(10_000) int budgetMs,
        @Min(0) @Max(10) int maxRetries,
        @Min(10) @Max(60_000) int retryDelayMs) {

    public enum Channel { SMS, WHATSAPP, EMAIL }
}
