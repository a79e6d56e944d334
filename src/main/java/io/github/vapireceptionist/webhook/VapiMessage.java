package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.ToolCall;
import java.util.List;

/**
 * A Vapi server message reduced to what the routes need: which answer shape Vapi expects, the
 * message type, the call, the tool calls to run in order, and for {@code end-of-call-report} the
 * report (null otherwise).
 */
public record VapiMessage(Shape shape, String type, CallContext call, List<ToolCall> toolCalls, CallReport report) {

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

    public VapiMessage(Shape shape, String type, CallContext call, List<ToolCall> toolCalls) {
        this(shape, type, call, toolCalls, null);
    }

    public boolean isEndOfCallReport() {
        return report != null;
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
