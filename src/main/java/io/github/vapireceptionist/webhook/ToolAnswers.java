package io.github.vapireceptionist.webhook;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.vapireceptionist.calendar.CalendarSlowException;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolCall;
import io.github.vapireceptionist.business.BusinessTags;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a function route ended with into the answer for its tool call: its result, a
 * speakable error, or, for a failure nobody planned for, a sentence that never reveals internals.
 * Each answer is counted and timed once, in {@link #outcome}: tool_calls_seconds{function, outcome}.
 */
public class ToolAnswers {

    /** The outcome of the tool call, when it is not simply success or a function's own "no" (declined). */
    static final String OUTCOME = "toolOutcome";
    /** System.nanoTime() when the tool call started (Correlation.toolCall). */
    static final String STARTED = "toolCallStarted";
    static final String UNKNOWN_FUNCTION = "unknown_function";

    static final String UNEXPECTED = "Sorry, something went wrong on my side. Please try again in a moment, "
            + "or I can put you through to a member of the team.";

    /** Names every function routed in routes/tool-call.camel.yaml: ToolAnswersTest holds the two together. */
    static final String WHAT_THIS_LINE_CAN_DO = "I can't do that here. I can tell you what we offer, check free times, "
            + "book an appointment, find, cancel or move your booking, or put you through to a member of the team.";

    private static final Logger log = LoggerFactory.getLogger(ToolAnswers.class);

    private final MeterRegistry meters;
    private final BusinessTags businessTags;

    public ToolAnswers(MeterRegistry meters) {
        this(meters, null);
    }

    /** {@code businessTags}: with BUSINESSES_FILE, each business's tool calls are also counted apart (no buckets). */
    public ToolAnswers(MeterRegistry meters, BusinessTags businessTags) {
        this.meters = meters;
        this.businessTags = businessTags;
    }

    public ToolOutcome outcome(@ExchangeProperty("toolCall") ToolCall call, @Body Object body, Exchange exchange) {
        ToolAnswer answer = body instanceof ToolAnswer given ? given : ToolAnswer.success(body);
        record(call, answer, exchange);
        return new ToolOutcome(call.id(), call.name(), answer);
    }

    /**
     * One tool call answered: its latency under {@code tool_calls_seconds{function, outcome}} and a
     * {@code tool_call} line. function is a routed function's name or "unknown" (names come from callers:
     * never an unbounded tag); outcome is success, declined (the function's own "no": the time is taken),
     * a {@link SpeakableException.Kind}, unknown_function or error.
     */
    private void record(ToolCall call, ToolAnswer answer, Exchange exchange) {
        String outcome = exchange.getProperty(OUTCOME, String.class);
        if (outcome == null) {
            outcome = answer.failed() ? "declined" : "success";
        }
        String function = UNKNOWN_FUNCTION.equals(outcome) || call.name() == null ? "unknown" : call.name();
        Long started = exchange.getProperty(STARTED, Long.class);
        long nanos = started == null ? 0 : System.nanoTime() - started;
        Timer.builder("tool.calls")
                .description("Tool calls answered, by function and outcome")
                .tags("function", function, "outcome", outcome)
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
        Tags business = businessTags == null ? Tags.empty() : businessTags.of(exchange);
        if (business.iterator().hasNext()) {
            // the latency histogram stays one for the deployment: with buckets per business it would be ~70 series each
            Timer.builder("business.tool.calls")
                    .description("Tool calls answered, by business, function and outcome (count, sum and max: no buckets)")
                    .tags(business).tags("function", function, "outcome", outcome)
                    .register(meters)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
        log.atInfo()
                .addKeyValue("outcome", outcome)
                .addKeyValue("duration_ms", TimeUnit.NANOSECONDS.toMillis(nanos))
                .log("tool_call function={} outcome={} duration_ms={}", function, outcome, TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    public ToolAnswer unknownFunction(@ExchangeProperty("toolCall") ToolCall call, Exchange exchange) {
        exchange.setProperty(OUTCOME, UNKNOWN_FUNCTION);
        log.warn("Unknown function requested: {}", call.name() == null ? "(none)" : abbreviate(call.name()));
        return ToolAnswer.failure(WHAT_THIS_LINE_CAN_DO);
    }

    /** Called from the one error handler of every function route. */
    public ToolAnswer fromException(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        SpeakableException speakable = find(failure, SpeakableException.class);
        if (speakable != null) {
            exchange.setProperty(OUTCOME, speakable.kind().tag());
            log.info("Function answered with an error in route {}: {}", routeId, speakable.getMessage());
            return ToolAnswer.failure(speakable.getMessage());
        }
        CallNotPermittedException open = find(failure, CallNotPermittedException.class);
        if (open != null) {
            exchange.setProperty(OUTCOME, SpeakableException.Kind.UNAVAILABLE.tag());
            log.info("Function answered at once in route {}: circuit breaker {} is open",
                    routeId, open.getCausingCircuitBreakerName());
            return ToolAnswer.failure(CalendarUnavailableException.SENTENCE);
        }
        SocketTimeoutException slow = find(failure, SocketTimeoutException.class);
        if (slow != null) {
            exchange.setProperty(OUTCOME, SpeakableException.Kind.UNAVAILABLE.tag());
            log.warn("Calendar call timed out in route {}: {}", routeId, slow.toString());
            return ToolAnswer.failure(CalendarSlowException.SENTENCE);
        }
        IOException io = find(failure, IOException.class);
        if (io != null) {
            exchange.setProperty(OUTCOME, SpeakableException.Kind.UNAVAILABLE.tag());
            log.warn("Calendar call failed in route {}: {}", routeId, io.toString());
            return ToolAnswer.failure(CalendarUnavailableException.SENTENCE);
        }
        exchange.setProperty(OUTCOME, "error");
        log.error("Unexpected failure in route {}", routeId, failure);
        return ToolAnswer.failure(UNEXPECTED);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("[^A-Za-z0-9_-]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
    }
}
