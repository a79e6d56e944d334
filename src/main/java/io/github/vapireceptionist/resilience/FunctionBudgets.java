package io.github.vapireceptionist.resilience;

import io.github.vapireceptionist.core.Deadline;
import io.github.vapireceptionist.core.ToolCall;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Starts the clock on a tool call: the calendar routes read the {@link Deadline#PROPERTY} property and stop
 * calling the calendar once it has passed, so the caller hears "the calendar is slow" instead of
 * silence (CalendarCalls).
 *
 * <p>A function that writes to the calendar (book, cancel, reschedule) keeps a part of its budget aside, the
 * reconciliation reserve (RECONCILE_BUDGET_MS): its reads, and the start of its writes, get the rest. A write once
 * started gets its own timeout (EASYAPPOINTMENTS_WRITE_TIMEOUT_MS); when its answer is lost, the reads that find out
 * what happened get the reserve (UncertainWrites). The reads after a write (reconciling it, reading a booking back)
 * start until {@link Deadline#AFTER_WRITES}: the budget plus one write timeout. So a write started at the last moment
 * still gets its whole timeout and then its whole reserve. That is not when the answer comes at the latest: a read
 * started at that moment may still wait for a pooled connection and connect (EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS each,
 * CalendarCalls), withdrawing a booking and releasing a moved appointment's old time are always made (each a lease, a
 * connect and a write timeout), and a kept change then waits for its confirmation (CONFIRMATION_BUDGET_MS).
 * {@link LatestAnswer} adds these up per function (17.5 s with the defaults, a move) and refuses production settings
 * that can reach Vapi's 20 s.
 */
public class FunctionBudgets {

    /** The functions that write to the calendar, and so keep the reserve. */
    public static final Set<String> WRITING = Set.of("book_appointment", "cancel_appointment", "reschedule_appointment");

    private final ResilienceProperties.Budgets budgets;
    private final Duration reserve;
    private final Duration writeTimeout;

    /**
     * {@code reserve}: kept aside of each writing function's budget for reconciling a lost write, at most half of
     * that budget (so a short BOOKING_BUDGET_MS still leaves its reads time).
     */
    public FunctionBudgets(ResilienceProperties.Budgets budgets, Duration reserve, Duration writeTimeout) {
        this.budgets = budgets;
        this.reserve = reserve;
        this.writeTimeout = writeTimeout;
    }

    public void start(Exchange exchange) {
        ToolCall call = exchange.getMessage().getBody(ToolCall.class);
        String function = call == null ? null : call.name();
        long now = System.nanoTime();
        exchange.setProperty(Deadline.PROPERTY, new Deadline(now + forWork(function).toNanos()));
        if (WRITING.contains(function)) {
            exchange.setProperty(Deadline.AFTER_WRITES, new Deadline(now + afterWrites(function).toNanos()));
        }
    }

    /** What a function's reads and the start of its writes may take: its budget, less the reserve if it writes. */
    public Duration forWork(String function) {
        Duration budget = budgets.forFunction(function);
        if (!WRITING.contains(function)) {
            return budget;
        }
        Duration half = budget.dividedBy(2);
        return budget.minus(reserve.compareTo(half) > 0 ? half : reserve);
    }

    /** The latest a writing function answers once it has written: its budget plus one write timeout. */
    public Duration afterWrites(String function) {
        return budgets.forFunction(function).plus(writeTimeout);
    }
}
