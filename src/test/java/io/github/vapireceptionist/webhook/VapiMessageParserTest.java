package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The three payload shapes of vapi-server-messages.md, and everything that is not one of them. */
class VapiMessageParserTest {

    private final VapiMessageParser parser = new VapiMessageParser(new ObjectMapper());

    private VapiMessage parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** One tool-calls message whose list field and call form vary; arguments always read to {"date":"2025-12-25"}. */
    static Stream<Arguments> singleToolCallForms() {
        return Stream.of(
                arguments("toolCallList, function.arguments as object", """
                        {"message":{"type":"tool-calls","toolCallList":[
                          {"id":"call_1","type":"function","function":{"name":"check_availability","arguments":{"date":"2025-12-25"}}}]}}
                        """),
                arguments("toolCallList, function.arguments as JSON string", """
                        {"message":{"type":"tool-calls","toolCallList":[
                          {"id":"call_1","type":"function","function":{"name":"check_availability","arguments":"{\\"date\\":\\"2025-12-25\\"}"}}]}}
                        """),
                arguments("toolCallList, {id,name,arguments}", """
                        {"message":{"type":"tool-calls","toolCallList":[
                          {"id":"call_1","name":"check_availability","arguments":{"date":"2025-12-25"}}]}}
                        """),
                arguments("toolCallList, {id,name,parameters}", """
                        {"message":{"type":"tool-calls","toolCallList":[
                          {"id":"call_1","name":"check_availability","parameters":{"date":"2025-12-25"}}]}}
                        """),
                arguments("toolCallList, {id,name,parameters} as JSON string", """
                        {"message":{"type":"tool-calls","toolCallList":[
                          {"id":"call_1","name":"check_availability","parameters":"{\\"date\\":\\"2025-12-25\\"}"}]}}
                        """),
                arguments("no toolCallList: falls back to toolCalls", """
                        {"message":{"type":"tool-calls","toolCalls":[
                          {"id":"call_1","type":"function","function":{"name":"check_availability","arguments":{"date":"2025-12-25"}}}]}}
                        """),
                arguments("toolCallList not an array: falls back to toolCalls", """
                        {"message":{"type":"tool-calls","toolCallList":null,"toolCalls":[
                          {"id":"call_1","type":"function","function":{"name":"check_availability","arguments":{"date":"2025-12-25"}}}]}}
                        """),
                arguments("only toolWithToolCallList[].toolCall", """
                        {"message":{"type":"tool-calls","toolWithToolCallList":[
                          {"type":"function","function":{"name":"check_availability"},
                           "toolCall":{"id":"call_1","type":"function","function":{"name":"check_availability","arguments":{"date":"2025-12-25"}}}}]}}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleToolCallForms")
    void readsEveryToolCallForm(String form, String body) {
        VapiMessage message = parse(body);

        assertThat(message.shape()).isEqualTo(VapiMessage.Shape.TOOL_CALLS);
        assertThat(message.type()).isEqualTo("tool-calls");
        assertThat(message.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("call_1");
            assertThat(call.name()).isEqualTo("check_availability");
            assertThat(call.argumentsReadable()).isTrue();
            assertThat(call.requireArguments().path("date").asText()).isEqualTo("2025-12-25");
        });
    }

    @Test
    void keepsSeveralToolCallsInTheOrderSent() {
        VapiMessage message = parse("""
                {"message":{"type":"tool-calls","toolCallList":[
                  {"id":"call_b","type":"function","function":{"name":"book_appointment","arguments":{"time":"10:00"}}},
                  {"id":"call_a","type":"function","function":{"name":"check_availability","arguments":"{\\"date\\":\\"2025-12-25\\"}"}},
                  {"id":"call_c","name":"transfer_to_agent","parameters":{}}],
                 "call":{"id":"019aa9bb-0000-7000-8000-000000000001"}}}
                """);

        assertThat(message.hasToolCalls()).isTrue();
        assertThat(message.toolCalls()).extracting(ToolCall::id).containsExactly("call_b", "call_a", "call_c");
        assertThat(message.toolCalls()).extracting(ToolCall::name)
                .containsExactly("book_appointment", "check_availability", "transfer_to_agent");
        assertThat(message.toolCalls().get(0).arguments().path("time").asText()).isEqualTo("10:00");
        assertThat(message.toolCalls().get(1).arguments().path("date").asText()).isEqualTo("2025-12-25");
        assertThat(message.toolCalls()).allSatisfy(call ->
                assertThat(call.call().callId()).isEqualTo("019aa9bb-0000-7000-8000-000000000001"));
    }

    @Test
    void prefersToolCallListOverTheDuplicateLists() {
        VapiMessage message = parse("""
                {"message":{"type":"tool-calls",
                  "toolCallList":[{"id":"from_list","function":{"name":"check_availability","arguments":{}}}],
                  "toolCalls":[{"id":"from_toolCalls","function":{"name":"check_availability","arguments":{}}}],
                  "toolWithToolCallList":[{"toolCall":{"id":"from_tool_with","function":{"name":"check_availability"}}}]}}
                """);

        assertThat(message.toolCalls()).extracting(ToolCall::id).containsExactly("from_list");
    }

    @Test
    void toolCallsMessageWithoutAnyCallsHasNoToolCalls() {
        VapiMessage message = parse("""
                {"message":{"type":"tool-calls","toolCallList":[]}}
                """);

        assertThat(message.shape()).isEqualTo(VapiMessage.Shape.TOOL_CALLS);
        assertThat(message.hasToolCalls()).isFalse();
    }

    static Stream<Arguments> functionCallForms() {
        return Stream.of(
                arguments("wrapped, parameters as object", """
                        {"message":{"type":"function-call","call":{"id":"call-uuid"},
                          "functionCall":{"name":"check_availability","parameters":{"date":"2025-12-25"}}}}
                        """),
                arguments("wrapped, parameters as JSON string", """
                        {"message":{"type":"function-call","call":{"id":"call-uuid"},
                          "functionCall":{"name":"check_availability","parameters":"{\\"date\\":\\"2025-12-25\\"}"}}}
                        """),
                arguments("wrapped, arguments instead of parameters", """
                        {"message":{"type":"function-call","call":{"id":"call-uuid"},
                          "functionCall":{"name":"check_availability","arguments":{"date":"2025-12-25"}}}}
                        """),
                arguments("datasheet's unwrapped form", """
                        {"type":"function-call","call":{"id":"call-uuid"},
                          "functionCall":{"name":"check_availability","parameters":{"date":"2025-12-25"}}}
                        """),
                arguments("datasheet's unwrapped form, parameters as JSON string", """
                        {"type":"function-call","call":{"id":"call-uuid"},
                          "functionCall":{"name":"check_availability","parameters":"{\\"date\\":\\"2025-12-25\\"}"}}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functionCallForms")
    void readsEveryFunctionCallForm(String form, String body) {
        VapiMessage message = parse(body);

        assertThat(message.shape()).isEqualTo(VapiMessage.Shape.FUNCTION_CALL);
        assertThat(message.type()).isEqualTo("function-call");
        assertThat(message.call().callId()).isEqualTo("call-uuid");
        assertThat(message.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("check_availability");
            assertThat(call.argumentsReadable()).isTrue();
            assertThat(call.requireArguments().path("date").asText()).isEqualTo("2025-12-25");
            assertThat(call.call().callId()).isEqualTo("call-uuid");
        });
    }

    static Stream<Arguments> callContexts() {
        String control = "https://phone-call-websocket.aws-us-west-2-backend-production3.vapi.ai/019aa9bb/control";
        return Stream.of(
                arguments("everything on call", """
                        {"message":{"type":"tool-calls","toolCallList":[],
                          "call":{"id":"019aa9bb","type":"inboundPhoneCall","monitor":{"controlUrl":"%s"},
                                  "customer":{"number":"+18883658681"}},
                          "customer":{"number":"+15550000000"}}}
                        """.formatted(control), "019aa9bb", "+18883658681", control),
                arguments("customer only on message", """
                        {"message":{"type":"tool-calls","toolCallList":[],
                          "call":{"id":"019aa9bb"},"customer":{"number":"+18883658681"}}}
                        """, "019aa9bb", "+18883658681", null),
                arguments("blank call.customer.number falls back to message.customer", """
                        {"message":{"type":"tool-calls","toolCallList":[],
                          "call":{"id":"019aa9bb","customer":{"number":""}},"customer":{"number":"+18883658681"}}}
                        """, "019aa9bb", "+18883658681", null),
                arguments("no call at all", """
                        {"message":{"type":"status-update","status":"in-progress"}}
                        """, null, null, null),
                arguments("call fields of the wrong type", """
                        {"message":{"type":"tool-calls","toolCallList":[],
                          "call":{"id":{"nested":true},"customer":"+18883658681","monitor":{"controlUrl":["x"]}}}}
                        """, null, null, null),
                arguments("unwrapped function-call", """
                        {"type":"function-call","functionCall":{"name":"check_availability"},
                          "call":{"id":"019aa9bb","monitor":{"controlUrl":"%s"},"customer":{"number":"+447123456789"}}}
                        """.formatted(control), "019aa9bb", "+447123456789", control));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callContexts")
    void extractsTheCallContext(String description, String body, String callId, String customerNumber,
            String controlUrl) {
        assertThat(parse(body).call()).isEqualTo(new CallContext(callId, customerNumber, controlUrl));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"message\":{\"type\":\"status-update\",\"status\":\"in-progress\",\"call\":{\"id\":\"c1\"}}}",
        "{\"message\":{\"type\":\"end-of-call-report\",\"endedReason\":\"customer-ended-call\",\"toolCallList\":[{\"id\":\"x\",\"name\":\"book_appointment\"}]}}",
        "{\"message\":{\"type\":\"conversation-update\"}}",
        "{\"message\":{\"type\":\"some-future-type\",\"functionCall\":{\"name\":\"book_appointment\"}}}",
        "{\"message\":{\"timestamp\":1763784256708}}",
        "{\"message\":{\"type\":null}}",
        "{\"message\":{}}",
        "{}"
    })
    void everyOtherMessageIsANotificationWithoutToolCalls(String body) {
        VapiMessage message = parse(body);

        assertThat(message.shape()).isEqualTo(VapiMessage.Shape.NOTIFICATION);
        assertThat(message.hasToolCalls()).isFalse();
        assertThat(message.toolCalls()).isEmpty();
    }

    @Test
    void notificationKeepsItsType() {
        assertThat(parse("{\"message\":{\"type\":\"end-of-call-report\"}}").type()).isEqualTo("end-of-call-report");
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                arguments("empty", ""),
                arguments("only whitespace", "   \n "),
                arguments("not JSON", "hello"),
                arguments("form encoded", "message=tool-calls"),
                arguments("truncated JSON", "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":["),
                arguments("JSON array root", "[{\"message\":{\"type\":\"tool-calls\"}}]"),
                arguments("JSON number root", "20261130"),
                arguments("JSON string root", "\"tool-calls\""),
                arguments("JSON null root", "null"),
                arguments("JSON boolean root", "true"),
                arguments("message is a string", "{\"message\":\"tool-calls\"}"),
                arguments("message is an array", "{\"message\":[{\"type\":\"tool-calls\"}]}"),
                arguments("message is null", "{\"message\":null}"),
                arguments("message is a number", "{\"message\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void rejectsBodiesThatAreNotAMessage(String description, String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedMessageException.class);
    }

    /** Real bodies carry the whole assistant and transcript; fields of the same names inside them are not the message's. */
    @Test
    void readsTheMessageFieldsAroundTheAssistantAndTranscriptItSkips() {
        VapiMessage message = parse("""
                {"message":{"timestamp":1763784256708,
                  "assistant":{"name":"Receptionist","model":{"tools":[{"type":"function","function":{"name":"book_appointment"}}]},
                    "call":{"id":"not-the-call"},"type":"status-update"},
                  "artifact":{"messages":[{"role":"user","message":"Tuesday, please","time":1.5e12,"flags":[true,false,null]}],
                    "toolCalls":[{"id":"not_a_call","function":{"name":"transfer_to_agent","arguments":{}}}]},
                  "type":"tool-calls",
                  "toolCallList":[{"id":"call_1","type":"function","function":{"name":"check_availability","arguments":{"date":"2025-12-25"}}}],
                  "call":{"id":"019aa9bb","monitor":{"controlUrl":"https://x.vapi.ai/019aa9bb/control"},"customer":{"number":"+447700900123"}}},
                 "extra":{"message":{"type":"hang"}}}
                """);

        assertThat(message.type()).isEqualTo("tool-calls");
        assertThat(message.toolCalls()).extracting(ToolCall::id).containsExactly("call_1");
        assertThat(message.call().callId()).isEqualTo("019aa9bb");
        assertThat(message.call().customerNumber()).isEqualTo("+447700900123");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"message\":{\"type\":\"status-update\",\"artifact\":{\"messages\":[1,]}}}",
        "{\"message\":{\"type\":\"status-update\",\"artifact\":{\"messages\":[{\"role\":\"user\"",
        "{\"message\":{\"type\":\"status-update\",\"assistant\":{\"name\" \"x\"}}}"})
    void rejectsBrokenJsonEvenInTheFieldsItSkips(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void rejectsANullBody() {
        assertThatThrownBy(() -> parser.parse(null)).isInstanceOf(MalformedMessageException.class);
    }

    static Stream<Arguments> unreadableArguments() {
        return Stream.of(
                arguments("JSON string holding an array", "\"[1,2]\""),
                arguments("JSON string holding a number", "\"42\""),
                arguments("JSON string holding a string", "\"\\\"2025-12-25\\\"\""),
                arguments("JSON string that is not JSON", "\"date=2025-12-25\""),
                arguments("JSON string with truncated JSON", "\"{\\\"date\\\":\""),
                arguments("array", "[\"2025-12-25\"]"),
                arguments("number", "20251225"),
                arguments("boolean", "true"));
    }

    @ParameterizedTest(name = "tool-calls: {0}")
    @MethodSource("unreadableArguments")
    void toolCallArgumentsThatAreNotAnObjectAreUnreadable(String description, String arguments) {
        ToolCall call = parse("""
                {"message":{"type":"tool-calls","toolCallList":[
                  {"id":"call_1","function":{"name":"check_availability","arguments":%s}}]}}
                """.formatted(arguments)).toolCalls().get(0);

        assertUnreadable(call);
    }

    @ParameterizedTest(name = "function-call: {0}")
    @MethodSource("unreadableArguments")
    void functionCallParametersThatAreNotAnObjectAreUnreadable(String description, String parameters) {
        ToolCall call = parse("""
                {"message":{"type":"function-call","functionCall":{"name":"check_availability","parameters":%s}}}
                """.formatted(parameters)).toolCalls().get(0);

        assertUnreadable(call);
    }

    private static void assertUnreadable(ToolCall call) {
        assertThat(call.name()).isEqualTo("check_availability");
        assertThat(call.argumentsReadable()).isFalse();
        assertThat(call.arguments()).isEmpty();
        assertThatThrownBy(call::requireArguments)
                .isInstanceOf(SpeakableException.class)
                .hasMessage("I couldn't read the details of that request. Could you say them again?");
    }

    static Stream<Arguments> absentArguments() {
        return Stream.of(
                arguments("missing", "{\"id\":\"call_1\",\"function\":{\"name\":\"transfer_to_agent\"}}"),
                arguments("JSON null", "{\"id\":\"call_1\",\"function\":{\"name\":\"transfer_to_agent\",\"arguments\":null}}"),
                arguments("empty string", "{\"id\":\"call_1\",\"function\":{\"name\":\"transfer_to_agent\",\"arguments\":\"\"}}"),
                arguments("blank string", "{\"id\":\"call_1\",\"function\":{\"name\":\"transfer_to_agent\",\"arguments\":\"  \"}}"),
                arguments("empty object as string", "{\"id\":\"call_1\",\"function\":{\"name\":\"transfer_to_agent\",\"arguments\":\"{}\"}}"),
                arguments("empty object", "{\"id\":\"call_1\",\"function\":{\"name\":\"transfer_to_agent\",\"arguments\":{}}}"),
                arguments("flat form, missing", "{\"id\":\"call_1\",\"name\":\"transfer_to_agent\"}"),
                arguments("flat form, null parameters", "{\"id\":\"call_1\",\"name\":\"transfer_to_agent\",\"parameters\":null}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absentArguments")
    void absentArgumentsAreAnEmptyReadableObject(String description, String item) {
        ToolCall call = parse("{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[" + item + "]}}")
                .toolCalls().get(0);

        assertThat(call.name()).isEqualTo("transfer_to_agent");
        assertThat(call.argumentsReadable()).isTrue();
        assertThat(call.requireArguments()).isEmpty();
        assertThat(call.argument("date")).isNull();
    }

    @Test
    void functionCallWithoutParametersHasEmptyReadableArguments() {
        ToolCall call = parse("{\"type\":\"function-call\",\"functionCall\":{\"name\":\"transfer_to_agent\"}}")
                .toolCalls().get(0);

        assertThat(call.argumentsReadable()).isTrue();
        assertThat(call.requireArguments()).isEmpty();
    }

    @Test
    void toolCallWithoutIdOrNameStillReachesTheRoutesToBeAnswered() {
        List<ToolCall> calls = parse("""
                {"message":{"type":"tool-calls","toolCallList":[{"function":{"arguments":{}}},{"id":"  ","name":""}]}}
                """).toolCalls();

        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(ToolCall::id).containsOnlyNulls();
        assertThat(calls).extracting(ToolCall::name).containsOnlyNulls();
    }

    @Test
    void anEndOfCallReportCarriesWhyWhenAndAtWhatCost() {
        VapiMessage message = parse("""
                {"message":{"type":"end-of-call-report","timestamp":1763784256708,"endedReason":"customer-ended-call",
                  "startedAt":"2025-11-22T04:10:00.000Z","endedAt":"2025-11-22T04:12:30.250Z","cost":0.0731,
                  "call":{"id":"019aa9bb-1"},"artifact":{"transcript":"..."}}}""");

        assertThat(message.isEndOfCallReport()).isTrue();
        assertThat(message.hasToolCalls()).isFalse();
        assertThat(message.shape()).isEqualTo(VapiMessage.Shape.NOTIFICATION);
        assertThat(message.report().endedReason()).isEqualTo("customer-ended-call");
        assertThat(message.report().duration()).isEqualTo(java.time.Duration.ofMillis(150_250));
        assertThat(message.report().cost()).isEqualByComparingTo("0.0731");
    }

    @Test
    void anEndOfCallReportWithFieldsOnTheCallOrUnreadableIsStillAReport() {
        VapiMessage onTheCall = parse("""
                {"message":{"type":"end-of-call-report","call":{"id":"c","endedReason":"silence-timed-out",
                  "startedAt":1763784000000,"endedAt":1763784060000}}}""");
        VapiMessage unreadable = parse("""
                {"message":{"type":"end-of-call-report","startedAt":"yesterday","endedAt":null,"cost":"n/a"}}""");

        assertThat(onTheCall.report().endedReason()).isEqualTo("silence-timed-out");
        assertThat(onTheCall.report().duration()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(unreadable.isEndOfCallReport()).isTrue();
        assertThat(unreadable.report().duration()).isNull();
        assertThat(unreadable.report().cost()).isNull();
        assertThat(parse("{\"message\":{\"type\":\"status-update\"}}").isEndOfCallReport()).isFalse();
    }
}
