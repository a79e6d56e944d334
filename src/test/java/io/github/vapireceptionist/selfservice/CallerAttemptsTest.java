package io.github.vapireceptionist.selfservice;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.store.SharedStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallerAttemptsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final CallerAttempts attempts = new CallerAttempts(
            new SelfServiceProperties(3, 15, 1000, "cancelled {day}", "moved {day}"), SharedStore.inMemory(ticker));

    @Test
    void aFewAttemptsPerNumberThenASpeakableRefusal() {
        for (int i = 0; i < 3; i++) {
            assertThatCode(() -> attempts.count(from("+447123456789"))).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> attempts.count(from("+447123456789")))
                .isInstanceOf(SpeakableException.class).hasMessage(CallerAttempts.TOO_MANY);
        assertThatCode(() -> attempts.count(from("+447911123456"))).as("another number counts on its own")
                .doesNotThrowAnyException();
    }

    @Test
    void theWindowStartsAtTheFirstAttemptAndIsNotExtendedByMore() {
        attempts.count(from("+447123456789"));
        minutes(6);
        attempts.count(from("+447123456789"));
        minutes(6);
        attempts.count(from("+447123456789"));
        assertThatThrownBy(() -> attempts.count(from("+447123456789"))).isInstanceOf(SpeakableException.class);

        minutes(2); // 14 minutes after the first attempt
        assertThatThrownBy(() -> attempts.count(from("+447123456789"))).isInstanceOf(SpeakableException.class);
        minutes(2); // 16 minutes after the first, 2 after the last refusal
        assertThatCode(() -> attempts.count(from("+447123456789"))).doesNotThrowAnyException();
    }

    private void minutes(int minutes) {
        nanos.addAndGet(Duration.ofMinutes(minutes).toNanos());
    }

    @Test
    void aNumberThatIsNotValidStillCountsAsItselfWhateverTheCall() {
        for (int i = 0; i < 3; i++) {
            attempts.count(from(null, CallerRequests.attemptsKey(null, "+44 7700 900123", "call-" + i)));
        }
        assertThatThrownBy(() -> attempts.count(from(null, CallerRequests.attemptsKey(null, "+447700900123", "call-9"))))
                .isInstanceOf(SpeakableException.class);
    }

    private static CallerAppointments from(String number) {
        return from(number, CallerRequests.attemptsKey(number, number, "call-1"));
    }

    private static CallerAppointments from(String number, String key) {
        return new CallerAppointments(new CallerRequest("find_appointment", "tc", "call-1", number, key, null, null, null,
                false, null, null));
    }
}
