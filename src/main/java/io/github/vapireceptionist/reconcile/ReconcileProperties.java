package io.github.vapireceptionist.reconcile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Writes whose outcome is unknown: how long the reads that find out may take before the caller is answered
 * (RECONCILE_BUDGET_MS), how often the reconciler settles what they could not (RECONCILER_PERIOD_MS), how long a
 * create not found is still watched in case it lands late (RECONCILE_GRACE_SECONDS), and how many such writes this
 * instance's memory holds at most.
 */
@Validated
@ConfigurationProperties("reconciliation")
public record ReconcileProperties(@Min(100) @Max(10_000) long budgetMs, @Min(50) long periodMs, @Min(0) long graceSeconds,
        @Min(1) int capacity) {
}
