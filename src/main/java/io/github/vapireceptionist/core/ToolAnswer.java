package io.github.vapireceptionist.core;

/**
 * What one function answered: a result object (the datasheet's {@code {"success":true,...}}) or a
 * sentence the assistant can say. Exactly one of the two is set.
 */
public record ToolAnswer(Object result, String error) {

    public static ToolAnswer success(Object result) {
        return new ToolAnswer(result, null);
    }

    public static ToolAnswer failure(String sentence) {
        return new ToolAnswer(null, oneLine(sentence));
    }

    public boolean failed() {
        return error != null;
    }

    /** Vapi wants single-line strings. */
    private static String oneLine(String sentence) {
        return sentence == null ? "" : sentence.replaceAll("\\s+", " ").trim();
    }
}
