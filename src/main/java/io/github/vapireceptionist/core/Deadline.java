package io.github.vapireceptionist.core;

import java.time.Duration;

/**
 * The moment a function's answer is due, on the monotonic clock. It travels with the tool call as the
 * exchange property {@value #PROPERTY}: set when the call starts, read by every calendar call, removed
 * once a booking is written (routes/claim-slot.camel.yaml), so the read-back always runs.
 */
public record Deadline(long dueNanos) {

    public static final String PROPERTY = "deadline";

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, dueNanos - System.nanoTime()));
    }

    public boolean passed() {
        return dueNanos - System.nanoTime() <= 0;
    }
}
