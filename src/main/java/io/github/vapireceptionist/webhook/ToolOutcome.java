package io.github.vapireceptionist.webhook;

/** A {@link ToolAnswer} labelled with the call it answers. */
public record ToolOutcome(String toolCallId, String name, ToolAnswer answer) {
}
