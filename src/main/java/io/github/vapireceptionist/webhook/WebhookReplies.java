package io.github.vapireceptionist.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.core.ToolAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the HTTP answer in the shape Vapi asked for. Each method first clears every header so
 * nothing from the request (the secret included) or from a calendar response is echoed back.
 */
public class WebhookReplies {

    private static final Logger log = LoggerFactory.getLogger(WebhookReplies.class);

    private final ObjectMapper json;
    private final MeterRegistry meters;

    public WebhookReplies(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    /** webhook_rejections_total{reason}: requests answered without running anything (unauthorized, rate_limited, bad_request, internal_error). */
    private void rejected(String reason) {
        meters.counter("webhook.rejections", "reason", reason).increment();
    }

    public String unauthorized(Exchange exchange) {
        rejected("unauthorized");
        return respond(exchange, 401, "{\"error\":\"unauthorized\"}");
    }

    /** Too many failed authentications from this client: come back after {@code retryAfterSeconds}. */
    public String tooManyRequests(Exchange exchange, long retryAfterSeconds) {
        rejected("rate_limited");
        String body = respond(exchange, 429, "{\"error\":\"too many requests\"}");
        exchange.getMessage().setHeader("Retry-After", retryAfterSeconds);
        return body;
    }

    public String badRequest(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure instanceof MalformedMessageException ? failure.getMessage() : "the body could not be read";
        rejected("bad_request");
        return respond(exchange, 400, write(error("bad request: " + reason)));
    }

    public String internalError(Exchange exchange) {
        log.error("Webhook failed outside any function", exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        rejected("internal_error");
        return respond(exchange, 500, "{\"error\":\"internal error\"}");
    }

    /** For messages that carry no tool call: {@code {}}, or no results for an empty tool-calls list. */
    public String acknowledge(@ExchangeProperty("vapiMessage") VapiMessage message, Exchange exchange) {
        return respond(exchange, 200, message.shape() == VapiMessage.Shape.TOOL_CALLS ? "{\"results\":[]}" : "{}");
    }

    /** An answer another bean built for a message without tool calls (a transfer destination), as JSON. */
    public String reply(@Body Object reply, Exchange exchange) {
        return respond(exchange, 200, write(reply));
    }

    public String toolResults(@ExchangeProperty("vapiMessage") VapiMessage message, @Body List<ToolOutcome> outcomes,
            Exchange exchange) {
        Object reply = message.shape() == VapiMessage.Shape.TOOL_CALLS
                ? Map.of("results", outcomes.stream().map(this::toolCallResult).toList())
                : functionCallResult(outcomes.get(0).answer());
        return respond(exchange, 200, write(reply));
    }

    private Map<String, Object> toolCallResult(ToolOutcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("toolCallId", outcome.toolCallId());
        result.put("name", outcome.name());
        if (outcome.answer().failed()) {
            result.put("error", outcome.answer().error());
        } else {
            result.put("result", write(outcome.answer().result()));
        }
        return result;
    }

    private static Map<String, Object> functionCallResult(ToolAnswer answer) {
        if (!answer.failed()) {
            return Collections.singletonMap("result", answer.result());
        }
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("success", false);
        failure.put("error", answer.error());
        return Map.of("result", failure);
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer could not be written as JSON", e);
        }
    }

    /** Sets status and content type; the returned JSON becomes the body. */
    private static String respond(Exchange exchange, int status, String body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        return body;
    }
}
