package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.core.ToolAnswer;

/** A {@link ToolAnswer} labelled with the call it answers. */
public record ToolOutcome(String toolCallId, String name, ToolAnswer answer) {
}
