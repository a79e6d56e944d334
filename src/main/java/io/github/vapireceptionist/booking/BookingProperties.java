package io.github.vapireceptionist.booking;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * DEFAULT_PHONE_REGION: how a number said without a country code is read ("07123 456789" in GB).
 * BOOKING_REPLAY_*: how many answered booking calls are remembered, and for how long.
 */
@Validated
@ConfigurationProperties("booking")
public record BookingProperties(
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 two-letter region such as GB") String defaultPhoneRegion,
        @Min(100) @Max(1_000_000) int replayCapacity,
        @Min(1) @Max(7 * 24) int replayHours) {
}
