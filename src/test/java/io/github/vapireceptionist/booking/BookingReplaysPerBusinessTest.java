package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.store.SharedStore;
import io.github.vapireceptionist.support.TestBusinesses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each business's remembered answers are its own: a tool call id or an appointment id (the same 42 in two calendars)
 * of one business is never answered from another's, nor erased with another's, nor evicted by another's traffic.
 */
class BookingReplaysPerBusinessTest {

    private static final Business NORTH = TestBusinesses.business("north", "http://north.invalid");
    private static final Business SOUTH = TestBusinesses.business("south", "http://south.invalid");
    private static final int CAPACITY = 100;

    private final BookingReplays replays = new BookingReplays(new BookingProperties("GB", CAPACITY, 24), SharedStore.inMemory(),
            new ObjectMapper(), new Businesses(List.of(NORTH, SOUTH), true));

    @Test
    void northsCancellationOfItsAppointment42IsNotSouths() {
        replays.of(NORTH).rememberCancellation(42, 57, "zoe@example.com", ToolAnswer.success("north's 42 is cancelled"));

        assertThat(replays.of(NORTH).cancellation(42)).map(BookingReplays.Cancellation::customerId).contains(57);
        assertThat(replays.of(SOUTH).cancellation(42)).isEmpty();
        assertThat(replays.ofId("south").cancellation(42)).isEmpty();
    }

    @Test
    void aToolCallAnsweredForOneBusinessIsNotReplayedToAnother() {
        replays.of(NORTH).remember("call_1", "zoe@example.com", ToolAnswer.failure("north's answer"));

        assertThat(replays.of(NORTH).find("call_1")).contains(ToolAnswer.failure("north's answer"));
        assertThat(replays.of(SOUTH).find("call_1")).isEmpty();
    }

    @Test
    void anErasureForgetsOnlyItsOwnBusinesssAnswers() {
        replays.of(NORTH).remember("call_1", "zoe@example.com", ToolAnswer.failure("north"));
        replays.of(NORTH).rememberCancellation(42, 57, "zoe@example.com", ToolAnswer.success("north"));
        replays.of(SOUTH).remember("call_2", "zoe@example.com", ToolAnswer.failure("south"));
        replays.of(SOUTH).rememberCancellation(42, 57, "zoe@example.com", ToolAnswer.success("south"));

        assertThat(replays.of(NORTH).forget("Zoe@Example.com")).isEqualTo(2);

        assertThat(replays.of(NORTH).find("call_1")).isEmpty();
        assertThat(replays.of(SOUTH).find("call_2")).isPresent();
        assertThat(replays.of(SOUTH).cancellation(42)).isPresent();
    }

    @Test
    void oneBusinessFillingItsCapacityEvictsNothingOfAnother() {
        replays.of(SOUTH).remember("south-call", null, ToolAnswer.failure("south"));

        for (int i = 0; i < 20 * CAPACITY; i++) {
            replays.of(NORTH).remember("north-call-" + i, null, ToolAnswer.failure("north"));
        }

        assertThat(replays.of(SOUTH).find("south-call")).isPresent();
    }

    @Test
    void withSeveralBusinessesAnAnswerNamingNoneIsRefusedNotGivenToSomeone() {
        assertThatThrownBy(() -> replays.find("call_1")).hasMessageContaining("several");
        assertThatThrownBy(() -> replays.of(null).remember("call_1", null, ToolAnswer.failure("?"))).hasMessageContaining("several");
    }

    @Test
    void withOneBusinessNoneNamedIsThatOne() {
        BookingReplays one = new BookingReplays(new BookingProperties("GB", CAPACITY, 24), SharedStore.inMemory(),
                new ObjectMapper(), new Businesses(List.of(NORTH), true));

        one.of(null).remember("call_1", null, ToolAnswer.failure("north"));

        assertThat(one.of(NORTH).find("call_1")).isPresent();
        assertThat(one.find("call_1")).isPresent();
    }
}
