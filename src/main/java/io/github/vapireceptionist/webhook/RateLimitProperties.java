package io.github.vapireceptionist.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** RATE_LIMIT_REQUESTS failed authentications per RATE_LIMIT_PERIOD seconds, per client address (FailedAuthentications). */
@Validated
@ConfigurationProperties("rate-limit")
public record RateLimitProperties(@Min(1) int requests, @Min(1) @Max(86_400) int period) {
}
