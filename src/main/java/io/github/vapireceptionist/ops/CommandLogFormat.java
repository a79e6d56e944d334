package io.github.vapireceptionist.ops;

/**
 * The assistant sync command's output (AssistantSync): readable lines for the operator who ran it, whatever
 * LOG_FORMAT says, and not masked: the command handles no caller's data, only the business's own settings
 * and Vapi's answers (its numbers, to pick the right VAPI_PHONE_NUMBER), and it redacts secrets itself.
 */
public class CommandLogFormat extends TextLogFormat {

    public CommandLogFormat() {
        super(false);
    }
}
