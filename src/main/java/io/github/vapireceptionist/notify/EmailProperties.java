package io.github.vapireceptionist.notify;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * SMTP_* and BUSINESS_PHONE: the mail server email confirmations go through (no host: the email
 * channel is off), the sender, and the number callers are told to ring to change a booking.
 */
@Validated
@ConfigurationProperties("email")
public record EmailProperties(
        String smtpHost,
        @Min(1) @Max(65_535) int smtpPort,
        String smtpUsername,
        String smtpPassword,
        boolean smtpStarttls,
        String from,
        @Min(100) @Max(60_000) int timeoutMs,
        String businessPhone) {

    public boolean enabled() {
        return smtpHost != null && !smtpHost.isBlank();
    }
}
