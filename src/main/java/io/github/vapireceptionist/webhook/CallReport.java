package io.github.vapireceptionist.webhook;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * What an {@code end-of-call-report} says about the call that ended (vapi-server-messages.md): why it
 * ended, when it started and ended (there is no duration field), and what it cost in USD. Every field
 * may be null: Vapi's schema marks them optional.
 */
public record CallReport(String endedReason, Instant startedAt, Instant endedAt, BigDecimal cost) {

    /** endedAt - startedAt; null when either is missing or they are out of order. */
    public Duration duration() {
        if (startedAt == null || endedAt == null || endedAt.isBefore(startedAt)) {
            return null;
        }
        return Duration.between(startedAt, endedAt);
    }
}
