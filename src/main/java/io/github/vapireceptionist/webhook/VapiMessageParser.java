package io.github.vapireceptionist.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.ToolCall;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;

/**
 * Reads the three payload shapes of vapi-server-messages.md into one {@link VapiMessage}:
 * wrapped {@code tool-calls}, wrapped legacy {@code function-call}, and the datasheet's unwrapped
 * {@code function-call}. Tolerant where Vapi's own schema is loose (arguments as object or JSON
 * string; {@code function.arguments}, {@code arguments} or {@code parameters}), strict only about
 * the body being a JSON object.
 *
 * <p>Real bodies are ~50 KB, nearly all of it the assistant and the transcript, which nothing here
 * reads: only the fields in {@link #READ} become a tree, the rest is skipped while streaming (it is
 * still checked to be well-formed JSON). This saves building the tree, not tokenizing the body, which is
 * still most of the CPU a 50 KB message costs (bench/, JFR; docs/performance.md).
 */
public class VapiMessageParser {

    /** The fields read, at the top level and inside {@code message}; everything else is skipped. */
    private static final Set<String> READ = Set.of("message", "type", "call", "customer", "toolCallList", "toolCalls",
            "toolWithToolCallList", "functionCall", "endedReason", "startedAt", "endedAt", "cost");

    private final ObjectMapper json;

    public VapiMessageParser(ObjectMapper json) {
        this.json = json;
    }

    public VapiMessage parse(@Body byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new MalformedMessageException("the body must be a JSON object");
        }
        JsonNode message = root.has("message") ? root.get("message") : root;
        if (!message.isObject()) {
            throw new MalformedMessageException("message must be a JSON object");
        }
        String type = text(message.get("type"));
        CallContext call = callContext(message);
        if ("tool-calls".equals(type)) {
            return new VapiMessage(VapiMessage.Shape.TOOL_CALLS, type, call, toolCalls(message, call));
        }
        if ("function-call".equals(type)) {
            return new VapiMessage(VapiMessage.Shape.FUNCTION_CALL, type, call, List.of(functionCall(message, call)));
        }
        if ("end-of-call-report".equals(type)) {
            return new VapiMessage(VapiMessage.Shape.NOTIFICATION, type, call, List.of(), callReport(message));
        }
        return new VapiMessage(VapiMessage.Shape.NOTIFICATION, type, call, List.of());
    }

    /** The report's fields at the message's top level, as sent today, or on its call object. Unreadable values are null. */
    private static CallReport callReport(JsonNode message) {
        JsonNode call = message.path("call");
        return new CallReport(
                text(first(message, call, "endedReason")),
                instant(first(message, call, "startedAt")),
                instant(first(message, call, "endedAt")),
                decimal(first(message, call, "cost")));
    }

    private static JsonNode first(JsonNode message, JsonNode call, String field) {
        JsonNode value = message.get(field);
        return value == null || value.isNull() ? call.get(field) : value;
    }

    /** ISO-8601 as Vapi sends it; epoch milliseconds tolerated. */
    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        try {
            return Instant.parse(node.asText().trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedMessageException("the body is empty");
        }
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedMessageException("the body is empty");
            }
            JsonNode root = first == JsonToken.START_OBJECT ? readFields(parser, true) : json.readTree(parser);
            return root == null ? json.nullNode() : root;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(overLimit(e)
                    ? "the body is nested too deeply or holds a value too long to read" : "the body is not valid JSON");
        } catch (IOException e) {
            throw new MalformedMessageException("the body could not be read");
        }
    }

    /** Jackson's StreamReadConstraints refused it (webhook.json.*), possibly wrapped by databind. */
    private static boolean overLimit(JsonProcessingException e) {
        return e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException;
    }

    /** The object the parser is at, with only the fields in READ (a nested {@code message} read the same way). */
    private ObjectNode readFields(JsonParser parser, boolean topLevel) throws IOException {
        ObjectNode object = json.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!READ.contains(name)) {
                parser.skipChildren();
            } else if (topLevel && "message".equals(name) && value == JsonToken.START_OBJECT) {
                object.set(name, readFields(parser, false));
            } else {
                object.set(name, json.readTree(parser));
            }
        }
        return object;
    }

    private static CallContext callContext(JsonNode message) {
        JsonNode call = message.path("call");
        String customerNumber = text(call.path("customer").get("number"));
        if (customerNumber == null) {
            customerNumber = text(message.path("customer").get("number"));
        }
        return new CallContext(text(call.get("id")), customerNumber, text(call.path("monitor").get("controlUrl")));
    }

    private List<ToolCall> toolCalls(JsonNode message, CallContext call) {
        JsonNode list = message.get("toolCallList");
        if (list == null || !list.isArray()) {
            list = message.get("toolCalls");
        }
        List<ToolCall> calls = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(item -> calls.add(toolCall(item, call)));
        } else if (message.path("toolWithToolCallList").isArray()) {
            message.get("toolWithToolCallList").forEach(item -> calls.add(toolCall(item.path("toolCall"), call)));
        }
        return calls;
    }

    private ToolCall toolCall(JsonNode item, CallContext call) {
        JsonNode function = item.path("function");
        String name = text(function.get("name"));
        JsonNode arguments = function.get("arguments");
        if (name == null) {
            name = text(item.get("name"));
        }
        if (arguments == null) {
            arguments = item.has("arguments") ? item.get("arguments") : item.get("parameters");
        }
        return withArguments(text(item.get("id")), name, arguments, call);
    }

    private ToolCall functionCall(JsonNode message, CallContext call) {
        JsonNode function = message.path("functionCall");
        JsonNode arguments = function.has("parameters") ? function.get("parameters") : function.get("arguments");
        return withArguments(text(function.get("id")), text(function.get("name")), arguments, call);
    }

    private ToolCall withArguments(String id, String name, JsonNode arguments, CallContext call) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return new ToolCall(id, name, null, true, call);
        }
        if (arguments.isObject()) {
            return new ToolCall(id, name, (ObjectNode) arguments, true, call);
        }
        if (arguments.isTextual()) {
            return argumentsFromString(id, name, arguments.asText(), call);
        }
        return new ToolCall(id, name, null, false, call);
    }

    private ToolCall argumentsFromString(String id, String name, String encoded, CallContext call) {
        if (encoded.isBlank()) {
            return new ToolCall(id, name, null, true, call);
        }
        try {
            JsonNode decoded = json.readTree(encoded);
            if (decoded != null && decoded.isObject()) {
                return new ToolCall(id, name, (ObjectNode) decoded, true, call);
            }
        } catch (JsonProcessingException e) {
            // falls through: the function answers that it could not read the details
        }
        return new ToolCall(id, name, null, false, call);
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String value = node.asText();
        return value.isBlank() ? null : value;
    }
}
