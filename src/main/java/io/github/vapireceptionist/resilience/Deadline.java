package io.github.vapireceptionist.resilience;

import java.time.Duration;

/** The moment a function's answer is due, on the monotonic clock. */
public record Deadline(long dueNanos) {

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
