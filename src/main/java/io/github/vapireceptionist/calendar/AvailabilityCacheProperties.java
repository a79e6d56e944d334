package io.github.vapireceptionist.calendar;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long check_availability may answer a day's free times without asking the calendar
 * (AVAILABILITY_CACHE_SECONDS, 0: always ask), and how old a day it may answer with while the calendar
 * fails (AVAILABILITY_STALE_SECONDS, 0: never). A booking never reads either (README, "The calendar").
 */
@Validated
@ConfigurationProperties("availability-cache")
public record AvailabilityCacheProperties(
        @Min(0) @Max(3600) int seconds,
        @Min(0) @Max(86_400) int staleSeconds,
        @Min(1) int maxDays) {
}
