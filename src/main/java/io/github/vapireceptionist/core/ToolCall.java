package io.github.vapireceptionist.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One function the model wants run, whatever shape it arrived in. {@code arguments} is always a
 * JSON object; when Vapi sent something that is not one, {@code argumentsReadable} is false and
 * the function answers with a speakable error instead of guessing.
 */
public record ToolCall(String id, String name, ObjectNode arguments, boolean argumentsReadable, CallContext call) {

    public ToolCall {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        call = call == null ? CallContext.UNKNOWN : call;
    }

    /** The arguments, or a speakable error when they could not be read. */
    public ObjectNode requireArguments() {
        if (!argumentsReadable) {
            throw new SpeakableException("I couldn't read the details of that request. Could you say them again?");
        }
        return arguments;
    }

    /** A text argument; null when absent, JSON null or blank. Wrong types are the caller's problem to name. */
    public JsonNode argument(String field) {
        JsonNode value = arguments.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
