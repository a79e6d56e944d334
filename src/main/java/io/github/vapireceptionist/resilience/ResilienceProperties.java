package io.github.vapireceptionist.resilience;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long a caller may wait for each function, and when each dependency's circuit breaker opens.
 * Every value has an environment variable in application.yaml.
 */
@Validated
@ConfigurationProperties("resilience")
public record ResilienceProperties(@Valid @NotNull Budgets budget, @Valid @NotNull Breakers circuitBreaker) {

    /** Milliseconds per function, from the moment its tool call starts to its answer. */
    public record Budgets(@Min(100) long checkAvailabilityMs, @Min(100) long bookAppointmentMs,
            @Min(100) long otherFunctionsMs) {

        public Duration forFunction(String function) {
            return Duration.ofMillis(switch (function == null ? "" : function) {
                case "check_availability" -> checkAvailabilityMs;
                case "book_appointment" -> bookAppointmentMs;
                default -> otherFunctionsMs;
            });
        }
    }

    public record Breakers(@Valid @NotNull Breaker calendar, @Valid @NotNull Breaker twilio,
            @Valid @NotNull Breaker callControl) {
    }

    /**
     * Opens when at least {@code failureRate} percent of the last {@code window} calls failed (once
     * {@code minimumCalls} were made); while open, calls fail at once; after {@code openSeconds} it lets
     * {@code halfOpenCalls} through to see whether the dependency is back.
     */
    public record Breaker(@Min(1) @Max(100) int failureRate, @Min(1) int window, @Min(1) int minimumCalls,
            @Min(1) int openSeconds, @Min(1) int halfOpenCalls) {
    }
}
