package io.github.vapireceptionist.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.core.Deadline;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.store.SharedStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What the reads after a lost write decide, what is left for the reconciler, and how a settled write is answered. */
class UncertainWritesTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final String MARKER = "[tool call call-7]";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Map<String, ToolAnswer> settledAnswers = new HashMap<>();
    private final UncertainWrites writes = new UncertainWrites(SharedStore.inMemory(), 100,
            new ObjectMapper().registerModule(new JavaTimeModule()), meters, settledAnswers::put, Duration.ofSeconds(3));

    private final UncertainWrite create = UncertainWrite.ofCreate(WritePoint.APPOINTMENT_CREATE, null, LocalDate.of(2026, 12, 7),
            MARKER, "call-7", new UncertainWrite.SettledAnswer(false, "That booking didn't go through, so nothing is booked."));

    @Test
    void aCreateFoundOnItsDayByItsMarkerWasAppliedAndNeedsNothingMore() {
        Exchange exchange = exchange();

        writes.readDay(create, List.of(appointment(3, "Booked by phone"), appointment(5, "Booked by phone " + MARKER)), exchange);

        WriteCheck check = exchange.getProperty(WriteCheck.PROPERTY, WriteCheck.class);
        assertThat(check.applied()).isTrue();
        assertThat(check.made().id()).isEqualTo(5);
        assertThat(writes.pending()).isEmpty();
        assertThat(meters.counter("calendar.uncertain.writes", "point", "appointment_create", "outcome", "applied").count()).isEqualTo(1);
    }

    @Test
    void aCreateNobodyCouldReadBackIsLeftForTheReconcilerWhichAnswersARetryOnceItIsSettled() {
        Exchange exchange = exchange();
        writes.unread(create, exchange);

        assertThat(exchange.getProperty(WriteCheck.PROPERTY, WriteCheck.class).unknown()).isTrue();
        assertThat(writes.pending()).containsExactly(create);
        assertThat(writes.allSettled()).isFalse();

        assertThat(writes.take(create)).isTrue();
        assertThat(writes.take(create)).as("taken once").isFalse();
        assertThat(writes.ours(create, List.of(appointment(9, "Booked by phone " + MARKER)))).isEqualTo(9);
        writes.settled(create, 9);

        assertThat(writes.allSettled()).isTrue();
        assertThat(settledAnswers.get("call-7").error()).isEqualTo("That booking didn't go through, so nothing is booked.");
        assertThat(meters.counter("calendar.uncertain.writes.settled", "point", "appointment_create", "outcome", "withdrawn").count())
                .isEqualTo(1);
    }

    @Test
    void aWithdrawalTheCalendarDidNotApplyIsLeftForTheReconcilerButACancelIsNot() {
        UncertainWrite withdrawal = UncertainWrite.ofAppointment(WritePoint.WITHDRAWAL, 12, "call-8", null);
        UncertainWrite cancel = UncertainWrite.ofAppointment(WritePoint.CANCEL, 13, "call-9", null);

        writes.readById(withdrawal, appointment(12, null), exchange());
        writes.readById(cancel, appointment(13, null), exchange());

        assertThat(writes.pending()).containsExactly(withdrawal);
    }

    @Test
    void theSameCallerAskingForTheSlotAgainAdoptsTheUncertainBookingSoItIsNotWithdrawn() {
        writes.unread(create, exchange());

        assertThat(writes.adopt("Booked by phone (Vapi call c) " + MARKER)).isTrue();
        assertThat(writes.pending()).isEmpty();
        assertThat(writes.adopt("Booked by phone (Vapi call c) " + MARKER)).as("once").isFalse();
        assertThat(writes.adopt(null)).isFalse();
    }

    @Test
    void theReadsGetTheReserveButNeverRunPastTheFunctionsLastMoment() {
        Exchange plenty = exchange();
        plenty.setProperty(Deadline.AFTER_WRITES, Deadline.in(Duration.ofSeconds(60)));
        Deadline last = Deadline.in(Duration.ofMillis(500));
        Exchange late = exchange();
        late.setProperty(Deadline.AFTER_WRITES, last);

        writes.begin(plenty);
        writes.begin(late);

        assertThat(plenty.getProperty(Deadline.PROPERTY, Deadline.class).remaining())
                .as("the reserve, 3 s").isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(late.getProperty(Deadline.PROPERTY, Deadline.class)).isSameAs(last);
    }

    @Test
    void theReadsGetTheReserveAndTheFunctionsDeadlineComesBack() {
        Exchange exchange = exchange();
        Deadline function = new Deadline(System.nanoTime() - 1);
        exchange.setProperty(Deadline.PROPERTY, function);

        writes.begin(exchange);
        assertThat(exchange.getProperty(Deadline.PROPERTY, Deadline.class).passed()).isFalse();
        writes.end(exchange);

        assertThat(exchange.getProperty(Deadline.PROPERTY, Deadline.class)).isSameAs(function);
    }

    private static CalendarAppointment appointment(int id, String notes) {
        return new CalendarAppointment(id, "2026-12-07 10:00:00", "2026-12-07 10:30:00", "Booked", 1, 2, 1, notes);
    }

    private static Exchange exchange() {
        return new DefaultExchange(CAMEL);
    }
}
