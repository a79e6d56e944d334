package io.github.vapireceptionist.resilience;

import io.github.vapireceptionist.app.ProductionCheck;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The latest a tool call can be answered, worked out from the settings, and the production check that keeps it below
 * the 20 s Vapi waits for a tool's answer by default (after that the caller hears the tool's failure message, whatever
 * the calendar did).
 *
 * <p>Why each term (FunctionBudgets, CalendarCalls): a function's reads, and the start of its writes, stop at its budget
 * less the reconciliation reserve; a write once started waits the whole write timeout; after a write, reads (reconciling
 * it, reading the booking back) may still start until the budget plus one write timeout. The deadline is checked before
 * a call starts and bounds a read's wait for its answer, but not the wait for a pooled connection (the connection
 * request timeout, EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS like the connect timeout) nor the connect: a read started at the
 * last moment can end a lease wait and a connect after it. Withdrawing a booking and releasing a moved appointment's old
 * time are always made, deadline or not, each a lease wait, a connect and a write timeout. A kept booking, move or
 * cancellation then waits for its confirmation (CONFIRMATION_BUDGET_MS). Not counted: the shared store's commands
 * (REDIS_TIMEOUT_MS each, memory after that) and a TLS handshake to an https calendar (each of its reads bounded by the
 * read timeout).
 */
public final class LatestAnswer implements ProductionCheck {

    /** How long Vapi waits for a tool's answer unless the tool's server.timeoutSeconds says otherwise. */
    public static final Duration VAPI_TOOL_TIMEOUT = Duration.ofSeconds(20);

    /** One wait on a function's slowest path: how long, the setting it comes from, and what spends it. */
    public record Term(long millis, String variable, String what) {
    }

    /** A function's slowest path, its waits in the order they are spent. */
    public record Path(String function, List<Term> terms) {

        public Duration total() {
            return Duration.ofMillis(terms.stream().mapToLong(Term::millis).sum());
        }

        /** "6 s FUNCTION_BUDGET_MS + 3 s EASYAPPOINTMENTS_WRITE_TIMEOUT_MS + ... = 17.5 s" */
        public String sum() {
            return terms.stream().map(term -> seconds(term.millis()) + " " + term.variable())
                    .collect(Collectors.joining(" + ")) + " = " + seconds(total().toMillis());
        }
    }

    private final List<Path> paths;

    private LatestAnswer(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    /** The slowest path of each function, from the settings. */
    public static LatestAnswer of(ResilienceProperties.Budgets budgets, Duration reconcileReserve,
            EasyAppointmentsProperties calendar, long confirmationBudgetMs) {
        Duration writeTimeout = Duration.ofMillis(calendar.writeTimeoutMs());
        FunctionBudgets functions = new FunctionBudgets(budgets, reconcileReserve, writeTimeout);
        long write = writeTimeout.toMillis();
        long connect = calendar.connectTimeoutMs();
        Term lease = new Term(connect, "EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS (pool lease)", "a pooled connection, waited for past the deadline");
        Term connecting = new Term(connect, "EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS (connect)", "connecting, past the deadline");
        Term answer = new Term(write, "EASYAPPOINTMENTS_WRITE_TIMEOUT_MS", "the answer of a write made whatever the deadline");
        Term confirmation = new Term(confirmationBudgetMs, "CONFIRMATION_BUDGET_MS", "the confirmation of a kept change");

        List<Path> paths = new ArrayList<>();
        // the new appointment written at the last moment of the work share, its read-back at the last moment after it,
        // kept: the old one released (always made), the move confirmed
        paths.add(new Path("reschedule_appointment", List.of(
                budget(budgets, "reschedule_appointment"),
                afterTheWrite(functions, budgets, "reschedule_appointment"), lease, connecting,
                lease, connecting, answer, confirmation)));
        // the same, the read-back finding it lost (or failing): withdrawn (always made), nothing to confirm
        paths.add(new Path("book_appointment", List.of(
                budget(budgets, "book_appointment"),
                afterTheWrite(functions, budgets, "book_appointment"), lease, connecting,
                lease, connecting, answer)));
        paths.add(new Path("book_appointment", List.of(
                budget(budgets, "book_appointment"),
                afterTheWrite(functions, budgets, "book_appointment"), lease, connecting, confirmation)));
        // a lost deletion's reads started at the last moment after it; or the deletion itself (always made) started
        // after a lookup that began at the last moment of the work share
        paths.add(new Path("cancel_appointment", List.of(
                budget(budgets, "cancel_appointment"),
                afterTheWrite(functions, budgets, "cancel_appointment"), lease, connecting, confirmation)));
        paths.add(new Path("cancel_appointment", List.of(
                new Term(functions.forWork("cancel_appointment").toMillis(), "FUNCTION_BUDGET_MS - RECONCILE_BUDGET_MS",
                        "the budget less the reconciliation reserve: the last lookup starts before it"),
                lease, connecting, lease, connecting, answer, confirmation)));
        // reads only: the last one started at the budget's last moment
        paths.add(new Path("check_availability", List.of(budget(budgets, "check_availability"), lease, connecting)));
        paths.add(new Path("find_appointment", List.of(budget(budgets, "find_appointment"), lease, connecting)));
        return new LatestAnswer(paths);
    }

    private static Term budget(ResilienceProperties.Budgets budgets, String function) {
        String variable = switch (function) {
            case "check_availability" -> "AVAILABILITY_BUDGET_MS";
            case "book_appointment" -> "BOOKING_BUDGET_MS";
            default -> "FUNCTION_BUDGET_MS";
        };
        return new Term(budgets.forFunction(function).toMillis(), variable, function + "'s budget");
    }

    /** A write started just before the work share ends: the reads after it may start until the budget plus its timeout. */
    private static Term afterTheWrite(FunctionBudgets functions, ResilienceProperties.Budgets budgets, String function) {
        long millis = functions.afterWrites(function).minus(budgets.forFunction(function)).toMillis();
        return new Term(millis, "EASYAPPOINTMENTS_WRITE_TIMEOUT_MS", "a write's answer: the reads after it start until the "
                + "budget plus one write timeout");
    }

    /** Every function's slowest path. */
    public List<Path> paths() {
        return paths;
    }

    /** The slowest of them all. */
    public Path worst() {
        return paths.stream().max(Comparator.comparing(Path::total)).orElseThrow();
    }

    public boolean withinVapisTimeout() {
        return worst().total().compareTo(VAPI_TOOL_TIMEOUT) < 0;
    }

    /** Settings whose slowest answer can reach Vapi's timeout: the caller would hear Vapi give up on a change made. */
    @Override
    public List<String> productionProblems() {
        if (withinVapisTimeout()) {
            return List.of();
        }
        Path worst = worst();
        return List.of("The slowest answer (" + worst.function() + ") can take " + worst.sum() + ", not below the "
                + seconds(VAPI_TOOL_TIMEOUT.toMillis()) + " Vapi waits for a tool's answer: lower EASYAPPOINTMENTS_WRITE_TIMEOUT_MS, "
                + "EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS, BOOKING_BUDGET_MS, FUNCTION_BUDGET_MS or CONFIRMATION_BUDGET_MS");
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%s s", millis / 1000.0);
    }
}
