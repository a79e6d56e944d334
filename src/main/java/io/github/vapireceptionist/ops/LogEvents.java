package io.github.vapireceptionist.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.github.vapireceptionist.app.PiiMasking;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.event.KeyValuePair;

/**
 * What both log formats take from a logging event, each text passed through {@link PiiMasking} on the
 * way out: whatever a line carries (a message, a key-value pair, an exception's text), no email address
 * or phone number reaches the console or the access log unmasked.
 */
final class LogEvents {

    /** Our event lines start with their name: {@code appointment_booked appointment_id=12 ...}. */
    private static final Pattern EVENT_NAME = Pattern.compile("^([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?:\\s|$)");
    private static final String EVENT = "event";
    /** MDC keys Camel's MDC service sets that say nothing an operator needs, left out of every line. */
    private static final String CAMEL_PREFIX = "camel.";
    private static final String CAMEL_EXCHANGE_ID = "camel.exchangeId";

    private LogEvents() {
    }

    static String message(ILoggingEvent event) {
        return message(event, true);
    }

    static String message(ILoggingEvent event, boolean mask) {
        return mask ? PiiMasking.mask(event.getFormattedMessage()) : event.getFormattedMessage();
    }

    /** The event's name: an {@code event} key-value pair, else the snake_case word the message starts with. */
    static String name(ILoggingEvent event) {
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                if (EVENT.equals(pair.key) && pair.value != null) {
                    return pair.value.toString();
                }
            }
        }
        String message = event.getFormattedMessage();
        if (message == null) {
            return null;
        }
        Matcher matcher = EVENT_NAME.matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * The request's context from the MDC (correlation_id, call_id, tool_call_id, function, exchange_id)
     * and the line's own key-value pairs (appointment_id, duration_ms, ...), in that order. Numbers
     * and booleans stay as they are; anything else is masked text.
     */
    static Map<String, Object> context(ILoggingEvent event) {
        return context(event, true);
    }

    static Map<String, Object> context(ILoggingEvent event, boolean mask) {
        Map<String, Object> context = requestContext(event, mask);
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                if (pair.key != null && pair.value != null && !EVENT.equals(pair.key)) {
                    context.put(pair.key, mask ? masked(pair.value) : pair.value);
                }
            }
        }
        return context;
    }

    /** The request's context alone, from the MDC (the text format's messages already hold their key-value pairs). */
    static Map<String, Object> requestContext(ILoggingEvent event, boolean mask) {
        Map<String, Object> context = new LinkedHashMap<>();
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((key, value) -> {
                if (CAMEL_EXCHANGE_ID.equals(key)) {
                    context.put("exchange_id", value);
                } else if (!key.startsWith(CAMEL_PREFIX) && value != null) {
                    context.put(key, mask ? PiiMasking.mask(value) : value);
                }
            });
        }
        return context;
    }

    /** The stack trace, masked (exception messages can quote what a calendar or a caller sent); null without one. */
    static String stackTrace(ILoggingEvent event) {
        return stackTrace(event, true);
    }

    static String stackTrace(ILoggingEvent event, boolean mask) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return null;
        }
        String trace = ThrowableProxyUtil.asString(thrown);
        return mask ? PiiMasking.mask(trace) : trace;
    }

    private static Object masked(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return PiiMasking.mask(value.toString());
    }
}
