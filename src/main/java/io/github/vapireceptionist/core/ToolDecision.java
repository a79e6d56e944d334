package io.github.vapireceptionist.core;

/**
 * What one tool call's flow has decided to answer, once it has. Open until a step decides; a flow's
 * stages after its one early exit run only while it is open. It travels with the call as the exchange
 * property {@value #PROPERTY}, where the stages the flows share (confirm-change) find it.
 */
public final class ToolDecision {

    public static final String PROPERTY = "decision";

    private ToolAnswer answer;
    private boolean worthRepeating = true;

    /** Still to be decided: no answer yet. */
    public boolean open() {
        return answer == null;
    }

    public void decide(ToolAnswer decided) {
        answer = decided;
    }

    /** An answer that holds only for now ("try again in a moment"): not replayed to a re-sent call. */
    public void decideForNow(ToolAnswer decided) {
        answer = decided;
        worthRepeating = false;
    }

    /** A confirmation message went out in time: the answer says so, if it is one that can. */
    public void confirmationSent() {
        if (answer != null && answer.result() instanceof ConfirmableResult result) {
            answer = ToolAnswer.success(result.withConfirmationSent());
        }
    }

    public ToolAnswer answer() {
        return answer;
    }

    /** Whether a re-sent tool call may be given this answer again. */
    public boolean worthRepeating() {
        return worthRepeating;
    }
}
