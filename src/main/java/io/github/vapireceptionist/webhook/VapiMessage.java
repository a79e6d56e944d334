package io.github.vapireceptionist.webhook;

import java.util.List;

/**
 * A Vapi server message reduced to what the routes need: which answer shape Vapi expects, the
 * message type, the call, and the tool calls to run in order.
 */
public record VapiMessage(Shape shape, String type, CallContext call, List<ToolCall> toolCalls) {

    public enum Shape {
        /** {@code tool-calls}: answered {@code {"results":[...]}}. */
        TOOL_CALLS,
        /** {@code function-call}, wrapped or the datasheet's unwrapped form: answered {@code {"result":{...}}}. */
        FUNCTION_CALL,
        /** Every other message type: answered {@code {}}. */
        NOTIFICATION
    }

    public VapiMessage {
        toolCalls = List.copyOf(toolCalls);
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
