package io.github.vapireceptionist.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When Redis counts as failing (RedisOrMemory's circuit breaker): once at least {@code failureRatePercent}
 * of the last {@code window} commands failed or timed out. A single slow command among them does not send
 * the instance to its memory; a Redis that is down does, after a few commands.
 */
@Validated
@ConfigurationProperties("shared-store.breaker")
public record SharedStoreBreakerProperties(@Min(1) @Max(100) int window, @Min(1) @Max(100) int failureRatePercent) {

    /** The defaults of application.yaml: 3 failures in the last 5 commands. */
    static final SharedStoreBreakerProperties DEFAULTS = new SharedStoreBreakerProperties(5, 50);
}
