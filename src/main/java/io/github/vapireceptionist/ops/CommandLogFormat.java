package io.github.vapireceptionist.ops;

/**
 * The assistant sync command's output (AssistantSync): readable lines for the operator who ran it, whatever
 * LOG_FORMAT says. Masked like every other line: no full phone number is ever logged, the business's own
 * included (the operator can read them in Vapi's dashboard).
 */
public class CommandLogFormat extends TextLogFormat {

    public CommandLogFormat() {
        super(true);
    }
}
