package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.core.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context every log line of a webhook request carries (CorrelationLogContext copies
 * these exchange properties into the MDC at every step, on whichever thread runs it): correlation_id (the
 * Vapi call id when the message names one, a random id otherwise), call_id, and per tool call
 * tool_call_id and function. Caller-supplied values are cut to a safe, printable length.
 */
public class Correlation {

    public static final String CORRELATION_ID = "correlation_id";
    public static final String CALL_ID = "call_id";
    public static final String TOOL_CALL_ID = "tool_call_id";
    public static final String FUNCTION = "function";
    /** With BUSINESSES_FILE: the id of the business the request is for (WebhookAuthentication). */
    public static final String BUSINESS_ID = "business_id";
    /** The request attribute holding the request's {@link Ids}, which the access log reads (ops.WebhookAccessLog). */
    public static final String IDS_ATTRIBUTE = "vapi.correlation";
    private static final String IDS_PROPERTY = "correlationIds";

    /**
     * The ids of one request, shared by the exchange and the servlet request: the access log line is
     * written on the servlet container's thread after the exchange is done, from the request's attribute.
     */
    public static final class Ids {

        private volatile String correlationId;
        private volatile String callId;
        private volatile String businessId;

        public String correlationId() {
            return correlationId;
        }

        public String callId() {
            return callId;
        }

        public String businessId() {
            return businessId;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Correlation.class);
    private static final int MAX_ID_CHARS = 64;
    /** Compiled once: String.replaceAll compiled it again for each of the three ids of every tool call. */
    private static final Pattern UNSAFE_ID_CHARACTER = Pattern.compile("[^A-Za-z0-9_.:-]");

    /** The first step of a webhook request: an id for its lines before the message has been read. */
    public void begin(Exchange exchange) {
        Ids ids = new Ids();
        ids.correlationId = UUID.randomUUID().toString();
        exchange.setProperty(CORRELATION_ID, ids.correlationId);
        exchange.setProperty(IDS_PROPERTY, ids);
        Message in = exchange.getIn();
        if (in instanceof PlatformHttpMessage http && http.getRequest() != null) {
            http.getRequest().setAttribute(IDS_ATTRIBUTE, ids);
        }
    }

    /** The business the request is for (with BUSINESSES_FILE): on its log lines and its access log line. */
    static void business(Exchange exchange, String businessId) {
        exchange.setProperty(BUSINESS_ID, businessId);
        Ids ids = exchange.getProperty(IDS_PROPERTY, Ids.class);
        if (ids != null) {
            ids.businessId = businessId;
        }
    }

    /** The message has been read: its call id, when it has one, correlates the rest of the request. */
    public void identify(@Body VapiMessage message, Exchange exchange) {
        String callId = printable(message.call().callId());
        if (callId != null) {
            exchange.setProperty(CORRELATION_ID, callId);
            exchange.setProperty(CALL_ID, callId);
            Ids ids = exchange.getProperty(IDS_PROPERTY, Ids.class);
            if (ids != null) {
                ids.correlationId = callId;
                ids.callId = callId;
            }
        }
        if (log.isDebugEnabled()) {
            // DEBUG=true: what arrived, never the body (transcripts, names, numbers): the argument names only
            log.debug("webhook_message type={} tool_calls={}", printable(message.type()), message.toolCalls().stream()
                    .map(call -> printable(call.name()) + "(" + argumentNames(call) + ")").toList());
        }
    }

    /** One tool call starts: its id and function name, and the start of its tool_calls timer. */
    public void toolCall(@Body ToolCall call, Exchange exchange) {
        exchange.setProperty(ToolAnswers.STARTED, System.nanoTime());
        setOrRemove(exchange, TOOL_CALL_ID, printable(call.id()));
        setOrRemove(exchange, FUNCTION, printable(call.name()));
    }

    private static String argumentNames(ToolCall call) {
        List<String> names = new ArrayList<>();
        call.arguments().fieldNames().forEachRemaining(name -> names.add(printable(name)));
        return String.join(",", names);
    }

    private static void setOrRemove(Exchange exchange, String name, String value) {
        if (value == null) {
            exchange.removeProperty(name);
        } else {
            exchange.setProperty(name, value);
        }
    }

    /** Ids and names from a request, reduced to what is safe in a log line: printable, at most 64 characters. */
    static String printable(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String safe = UNSAFE_ID_CHARACTER.matcher(value).replaceAll("?");
        return safe.length() > MAX_ID_CHARS ? safe.substring(0, MAX_ID_CHARS) + "..." : safe;
    }
}
