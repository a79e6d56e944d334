package io.github.vapireceptionist.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bookkeeping every booking and self-service flow shares: open until decided, replayable or not, confirmed or not. */
class ToolDecisionTest {

    /** A result that can say a confirmation went out, as BookingAnswer and AppointmentChange do. */
    record Changed(boolean confirmationSent, String message) implements ConfirmableResult {

        @Override
        public Changed withConfirmationSent() {
            return new Changed(true, message + CONFIRMATION_SENT);
        }
    }

    @Test
    void isOpenUntilAStepDecides() {
        ToolDecision decision = new ToolDecision();
        assertThat(decision.open()).isTrue();
        assertThat(decision.answer()).isNull();

        decision.decide(ToolAnswer.failure("That time isn't free."));

        assertThat(decision.open()).isFalse();
        assertThat(decision.answer()).isEqualTo(ToolAnswer.failure("That time isn't free."));
        assertThat(decision.worthRepeating()).isTrue();
    }

    @Test
    void anAnswerForNowIsNotRepeatedToAReSentCall() {
        ToolDecision decision = new ToolDecision();

        decision.decideForNow(ToolAnswer.failure("Please try again in a moment."));

        assertThat(decision.open()).isFalse();
        assertThat(decision.worthRepeating()).isFalse();
    }

    @Test
    void aConfirmationSentInTimeIsSaidInTheAnswer() {
        ToolDecision decision = new ToolDecision();
        decision.decide(ToolAnswer.success(new Changed(false, "You're booked in.")));

        decision.confirmationSent();

        assertThat(decision.answer()).isEqualTo(ToolAnswer.success(
                new Changed(true, "You're booked in. I've sent you a confirmation message.")));
        assertThat(decision.worthRepeating()).isTrue();
    }

    @Test
    void aConfirmationLeavesAnAnswerThatCannotSaySoAsItIs() {
        ToolDecision decision = new ToolDecision();
        decision.decide(ToolAnswer.failure("That time was just taken."));

        decision.confirmationSent();

        assertThat(decision.answer()).isEqualTo(ToolAnswer.failure("That time was just taken."));
    }
}
