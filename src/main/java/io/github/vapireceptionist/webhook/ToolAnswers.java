package io.github.vapireceptionist.webhook;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.vapireceptionist.calendar.CalendarSlowException;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a function route ended with into the answer for its tool call: its result, a
 * speakable error, or, for a failure nobody planned for, a sentence that never reveals internals.
 */
public class ToolAnswers {

    static final String UNEXPECTED = "Sorry, something went wrong on my side. Please try again in a moment, "
            + "or I can put you through to a member of the team.";

    private static final Logger log = LoggerFactory.getLogger(ToolAnswers.class);

    public ToolOutcome outcome(@ExchangeProperty("toolCall") ToolCall call, @Body Object body) {
        ToolAnswer answer = body instanceof ToolAnswer given ? given : ToolAnswer.success(body);
        return new ToolOutcome(call.id(), call.name(), answer);
    }

    public ToolAnswer unknownFunction(@ExchangeProperty("toolCall") ToolCall call) {
        log.warn("Unknown function requested: {}", call.name() == null ? "(none)" : abbreviate(call.name()));
        return ToolAnswer.failure("I can't do that here. I can check free times, book an appointment, "
                + "or put you through to a member of the team.");
    }

    /** Called from the one error handler of every function route. */
    public ToolAnswer fromException(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        SpeakableException speakable = find(failure, SpeakableException.class);
        if (speakable != null) {
            log.info("Function answered with an error in route {}: {}", routeId, speakable.getMessage());
            return ToolAnswer.failure(speakable.getMessage());
        }
        CallNotPermittedException open = find(failure, CallNotPermittedException.class);
        if (open != null) {
            log.info("Function answered at once in route {}: circuit breaker {} is open",
                    routeId, open.getCausingCircuitBreakerName());
            return ToolAnswer.failure(CalendarUnavailableException.SENTENCE);
        }
        SocketTimeoutException slow = find(failure, SocketTimeoutException.class);
        if (slow != null) {
            log.warn("Calendar call timed out in route {}: {}", routeId, slow.toString());
            return ToolAnswer.failure(CalendarSlowException.SENTENCE);
        }
        IOException io = find(failure, IOException.class);
        if (io != null) {
            log.warn("Calendar call failed in route {}: {}", routeId, io.toString());
            return ToolAnswer.failure(CalendarUnavailableException.SENTENCE);
        }
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
