package io.github.vapireceptionist.core;

import java.time.Duration;

/**
 * A moment on the monotonic clock by which a function's calendar calls must be done. It travels with the tool call
 * as the exchange property {@value #PROPERTY}: set when the call starts (FunctionBudgets), read by every calendar
 * call. A function that writes also carries {@value #AFTER_WRITES}, the latest its answer may come once it has
 * written: its budget plus one write timeout. Once a booking is written that takes over as {@value #PROPERTY}
 * (routes/claim-slot.camel.yaml), so the read-back runs even when the write used up the budget.
 */
public record Deadline(long dueNanos) {

    public static final String PROPERTY = "deadline";
    public static final String AFTER_WRITES = "deadlineAfterWrites";

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
