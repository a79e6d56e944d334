package io.github.vapireceptionist.support;

/** Request bodies in the three shapes of vapi-server-messages.md, as Vapi sends them. */
public final class VapiPayloads {

    public static final String CALL = "\"call\":{\"id\":\"019aa9bb-test-call\",\"type\":\"inboundPhoneCall\","
            + "\"monitor\":{\"controlUrl\":\"https://phone-call-websocket.aws-us-west-2-backend-production3.vapi.ai/019aa9bb/control\"},"
            + "\"customer\":{\"number\":\"+447700900123\"}}";

    private VapiPayloads() {
    }

    /** Current traffic: wrapped {@code tool-calls} with one call, arguments as an object. */
    public static String toolCall(String id, String function, String argumentsJson) {
        return "{\"message\":{\"type\":\"tool-calls\",\"timestamp\":1763784256708,\"toolCallList\":[" + call(id, function, argumentsJson)
                + "]," + CALL + ",\"customer\":{\"number\":\"+447700900123\"}}}";
    }

    /** One call from another number ({@code null}: withheld), as {@link #toolCall} otherwise. */
    public static String toolCallFrom(String callerNumber, String id, String function, String argumentsJson) {
        String customer = callerNumber == null ? "" : ",\"customer\":{\"number\":\"" + callerNumber + "\"}";
        return "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[" + call(id, function, argumentsJson) + "],"
                + "\"call\":{\"id\":\"019aa9bb-call-" + id + "\",\"type\":\"inboundPhoneCall\"" + customer + "}" + customer + "}}";
    }

    /** Several calls in one message, each given as {@code {id, function, argumentsJson}}. */
    public static String toolCalls(String[]... calls) {
        StringBuilder list = new StringBuilder();
        for (String[] call : calls) {
            list.append(list.length() == 0 ? "" : ",").append(call(call[0], call[1], call[2]));
        }
        return "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[" + list + "]," + CALL + "}}";
    }

    /** Legacy wrapped {@code function-call}. */
    public static String functionCall(String function, String parametersJson) {
        return "{\"message\":{\"type\":\"function-call\"," + CALL + ",\"functionCall\":{\"name\":\"" + function
                + "\",\"parameters\":" + parametersJson + "}}}";
    }

    /** The datasheet's unwrapped {@code function-call}. */
    public static String datasheetFunctionCall(String function, String parametersJson) {
        return "{\"type\":\"function-call\"," + CALL + ",\"functionCall\":{\"name\":\"" + function
                + "\",\"parameters\":" + parametersJson + "}}";
    }

    public static String notification(String type) {
        return "{\"message\":{\"type\":\"" + type + "\"," + CALL + "}}";
    }

    private static String call(String id, String function, String argumentsJson) {
        return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + function
                + "\",\"arguments\":" + argumentsJson + "}}";
    }
}
