package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.ToolAnswer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP answer in the shape Vapi asked for, and nothing of the request echoed back. */
class WebhookRepliesTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final VapiMessage TOOL_CALLS =
            new VapiMessage(VapiMessage.Shape.TOOL_CALLS, "tool-calls", CallContext.UNKNOWN, List.of());
    private static final VapiMessage FUNCTION_CALL =
            new VapiMessage(VapiMessage.Shape.FUNCTION_CALL, "function-call", CallContext.UNKNOWN, List.of());
    private static final VapiMessage NOTIFICATION =
            new VapiMessage(VapiMessage.Shape.NOTIFICATION, "status-update", CallContext.UNKNOWN, List.of());

    private final WebhookReplies replies = new WebhookReplies(JSON, new SimpleMeterRegistry());

    @AfterAll
    static void closeCamel() throws Exception {
        CAMEL.close();
    }

    /** An exchange carrying what a real request brings in: the secret, HTTP headers, a cookie from the calendar. */
    private static Exchange request() {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setHeader("x-vapi-secret", "the-secret");
        exchange.getMessage().setHeader("Authorization", "Bearer the-secret");
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/api/webhooks/vapi");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html");
        exchange.getMessage().setHeader("Set-Cookie", "ea_session=abc");
        exchange.getMessage().setHeader("Access-Control-Allow-Origin", "*");
        return exchange;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static ToolOutcome outcome(String id, String name, ToolAnswer answer) {
        return new ToolOutcome(id, name, answer);
    }

    @Test
    void answersEachToolCallInOrderWithResultAsACompactJsonString() throws Exception {
        List<ToolOutcome> outcomes = List.of(
                outcome("call_1", "check_availability",
                        ToolAnswer.success(ordered("success", true, "slots", List.of("09:00", "09:30")))),
                outcome("call_2", "book_appointment",
                        ToolAnswer.failure("That time was just taken.\n  Free times near it: 10:30, 11:00.")),
                outcome("call_3", "check_availability",
                        ToolAnswer.success(ordered("success", true, "message", "Line one.\nLine two."))));

        String body = replies.toolResults(TOOL_CALLS, outcomes, request());

        assertThat(body).doesNotContain("\n");
        JsonNode results = JSON.readTree(body).path("results");
        assertThat(results.isArray()).isTrue();
        assertThat(results).extracting(r -> r.path("toolCallId").asText()).containsExactly("call_1", "call_2", "call_3");
        assertThat(results).extracting(r -> r.path("name").asText())
                .containsExactly("check_availability", "book_appointment", "check_availability");

        JsonNode first = results.get(0);
        assertThat(first.path("result").isTextual()).as("result is a string, not an object").isTrue();
        assertThat(first.path("result").asText()).isEqualTo("{\"success\":true,\"slots\":[\"09:00\",\"09:30\"]}");
        assertThat(first.has("error")).isFalse();

        JsonNode second = results.get(1);
        assertThat(second.path("error").isTextual()).isTrue();
        assertThat(second.path("error").asText())
                .isEqualTo("That time was just taken. Free times near it: 10:30, 11:00.");
        assertThat(second.has("result")).isFalse();

        String third = results.get(2).path("result").asText();
        assertThat(third).doesNotContain("\n");
        assertThat(JSON.readTree(third).path("message").asText()).isEqualTo("Line one.\nLine two.");
    }

    @Test
    void writesEachResultInTheDocumentedKeyOrder() {
        String body = replies.toolResults(TOOL_CALLS, List.of(
                outcome("call_mLTzMbOV", "check_availability", ToolAnswer.success(ordered("success", true))),
                outcome("call_2", "book_appointment", ToolAnswer.failure("No."))), request());

        assertThat(body).isEqualTo("{\"results\":["
                + "{\"toolCallId\":\"call_mLTzMbOV\",\"name\":\"check_availability\",\"result\":\"{\\\"success\\\":true}\"},"
                + "{\"toolCallId\":\"call_2\",\"name\":\"book_appointment\",\"error\":\"No.\"}]}");
    }

    @Test
    void aToolCallWithoutIdOrNameIsStillAnswered() throws Exception {
        String body = replies.toolResults(TOOL_CALLS,
                List.of(outcome(null, null, ToolAnswer.failure("I can't do that here."))), request());

        JsonNode result = JSON.readTree(body).path("results").get(0);
        assertThat(result.path("error").asText()).isEqualTo("I can't do that here.");
    }

    @Test
    void answersAFunctionCallWithTheResultObjectItself() {
        Exchange exchange = request();
        String body = replies.toolResults(FUNCTION_CALL, List.of(outcome(null, "check_availability",
                ToolAnswer.success(ordered("success", true, "slots", List.of("09:00", "09:30"))))), exchange);

        assertThat(body).isEqualTo("{\"result\":{\"success\":true,\"slots\":[\"09:00\",\"09:30\"]}}");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void answersAFailedFunctionCallAsAnUnsuccessfulResult() {
        Exchange exchange = request();
        String body = replies.toolResults(FUNCTION_CALL, List.of(outcome(null, "check_availability",
                ToolAnswer.failure("That date has already passed.\nWhich day would you like?"))), exchange);

        assertThat(body).isEqualTo(
                "{\"result\":{\"success\":false,\"error\":\"That date has already passed. Which day would you like?\"}}");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void answersAFunctionCallWhoseResultIsEmpty() {
        String body = replies.toolResults(FUNCTION_CALL,
                List.of(outcome(null, "transfer_to_agent", ToolAnswer.success(null))), request());

        assertThat(body).isEqualTo("{\"result\":null}");
    }

    @Test
    void repliesWithAnAnswerAnotherBeanBuiltAsCompactJson() {
        Exchange exchange = request();
        Map<String, Object> destination = ordered("type", "number", "number", "+447700900999", "message", "One moment.");

        String body = replies.reply(ordered("destination", destination), exchange);

        assertThat(body).isEqualTo("{\"destination\":{\"type\":\"number\",\"number\":\"+447700900999\",\"message\":\"One moment.\"}}");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    static Stream<Arguments> acknowledgements() {
        return Stream.of(
                arguments(NOTIFICATION, "{}"),
                arguments(new VapiMessage(VapiMessage.Shape.NOTIFICATION, null, CallContext.UNKNOWN, List.of()), "{}"),
                arguments(TOOL_CALLS, "{\"results\":[]}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("acknowledgements")
    void acknowledgesMessagesWithoutToolCalls(VapiMessage message, String expected) {
        Exchange exchange = request();

        assertThat(replies.acknowledge(message, exchange)).isEqualTo(expected);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void unauthorizedIs401WithASmallJsonError() {
        Exchange exchange = request();

        assertThat(replies.unauthorized(exchange)).isEqualTo("{\"error\":\"unauthorized\"}");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
    }

    @Test
    void badRequestSaysWhyTheMessageWasMalformed() throws Exception {
        Exchange exchange = request();
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new MalformedMessageException("message must be a JSON object"));

        JsonNode body = JSON.readTree(replies.badRequest(exchange));

        assertThat(body.path("error").asText()).isEqualTo("bad request: message must be a JSON object");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
    }

    @Test
    void badRequestNeverRepeatsTheWordsOfAnUnexpectedFailure() throws Exception {
        Exchange exchange = request();
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new IllegalStateException("org.apache.camel.NoTypeConversionAvailableException at /srv/app"));

        JsonNode body = JSON.readTree(replies.badRequest(exchange));

        assertThat(body.path("error").asText()).isEqualTo("bad request: the body could not be read");
    }

    @Test
    void internalErrorIs500WithoutDetails() {
        Exchange exchange = request();
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("secret detail"));

        assertThat(replies.internalError(exchange)).isEqualTo("{\"error\":\"internal error\"}");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
    }

    static Stream<Arguments> everyReply() {
        List<ToolOutcome> oneOutcome = List.of(outcome("call_1", "check_availability", ToolAnswer.failure("No.")));
        return Stream.of(
                arguments("toolResults (tool-calls)", (BiFunction<WebhookReplies, Exchange, String>)
                        (r, e) -> r.toolResults(TOOL_CALLS, oneOutcome, e), 200),
                arguments("toolResults (function-call)", (BiFunction<WebhookReplies, Exchange, String>)
                        (r, e) -> r.toolResults(FUNCTION_CALL, oneOutcome, e), 200),
                arguments("acknowledge", (BiFunction<WebhookReplies, Exchange, String>)
                        (r, e) -> r.acknowledge(NOTIFICATION, e), 200),
                arguments("reply", (BiFunction<WebhookReplies, Exchange, String>)
                        (r, e) -> r.reply(ordered("error", "Transfers are not available right now."), e), 200),
                arguments("unauthorized", (BiFunction<WebhookReplies, Exchange, String>)
                        WebhookReplies::unauthorized, 401),
                arguments("badRequest", (BiFunction<WebhookReplies, Exchange, String>)
                        WebhookReplies::badRequest, 400),
                arguments("internalError", (BiFunction<WebhookReplies, Exchange, String>)
                        WebhookReplies::internalError, 500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyReply")
    void everyReplyDropsAllRequestHeadersAndIsJson(String reply, BiFunction<WebhookReplies, Exchange, String> write,
            int status) throws Exception {
        Exchange exchange = request();

        String body = write.apply(replies, exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
        assertThat(exchange.getMessage().getHeader("x-vapi-secret")).isNull();
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(status);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(JSON.readTree(body).isObject()).isTrue();
        assertThat(body).doesNotContain("\n").doesNotContain("the-secret");
    }
}
