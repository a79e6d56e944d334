package io.github.vapireceptionist.selfservice;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * find_appointment, cancel_appointment and reschedule_appointment: how many of them one caller number
 * may run within a window (so nobody can probe the calendar by trying emails), and the wording of the
 * message that confirms a cancellation or a move ({business}, {first_name}, {day}, {time}, {ref}).
 */
@Validated
@ConfigurationProperties("self-service")
public record SelfServiceProperties(
        @Min(1) @Max(100) int attemptsPerCaller,
        @Min(1) @Max(24 * 60) int windowMinutes,
        @Min(100) @Max(1_000_000) int trackedCallers,
        @NotBlank String cancelTemplate,
        @NotBlank String rescheduleTemplate) {
}
