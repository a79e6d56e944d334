package io.github.vapireceptionist.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.core.Deadline;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.store.SharedStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
    private final AtomicLong now = new AtomicLong(1_765_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final UncertainWrites writes = new UncertainWrites(SharedStore.inMemory(), 100,
            new ObjectMapper().registerModule(new JavaTimeModule()), meters, settledAnswers::put, Duration.ofSeconds(3),
            Duration.ofSeconds(120), clock);

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
        assertThat(writes.pending()).extracting(UncertainWrite::key).containsExactly(create.key());
        assertThat(writes.allSettled()).isFalse();

        writes.settling();
        writes.settling();    // two instances at once: exactly one takes the create's item and withdraws the appointment
        List<CalendarAppointment> day = List.of(appointment(9, "Booked by phone " + MARKER));
        assertThat(writes.ours(create, day)).isEqualTo(9);
        assertThat(writes.ours(create, day)).as("the other instance").isNull();
        assertThat(writes.pending()).as("open, by id, while it is withdrawn").extracting(UncertainWrite::key)
                .containsExactly("appointment-9");
        assertThat(writes.theirs(appointment(9, "Booked by phone " + MARKER))).as("a caller asking meanwhile").isFalse();
        writes.settled(create, 9);
        writes.settled(create, null);

        assertThat(writes.allSettled()).isTrue();
        assertThat(settledAnswers.get("call-7").error()).isEqualTo("That booking didn't go through, so nothing is booked.");
        assertThat(meters.counter("calendar.uncertain.writes.settled", "point", "appointment_create", "outcome", "withdrawn").count())
                .isEqualTo(1);
    }

    @Test
    void aDeletionTheReadStillSeesIsLeftForTheReconcilerSinceItMayLandLaterAndTheAppointmentIsNoBookingToTellAbout() {
        UncertainWrite withdrawal = UncertainWrite.ofAppointment(WritePoint.WITHDRAWAL, 12, "call-8", null);
        UncertainWrite cancel = UncertainWrite.ofAppointment(WritePoint.CANCEL, 13, "call-9", null);

        writes.readById(withdrawal, appointment(12, null), exchange());
        writes.readById(cancel, appointment(13, null), exchange());

        assertThat(writes.pending()).extracting(UncertainWrite::appointmentId).containsExactlyInAnyOrder(12, 13);
        assertThat(writes.theirs(appointment(12, "Booked by phone " + MARKER))).as("being withdrawn").isFalse();
        assertThat(writes.theirs(appointment(13, null))).as("being cancelled").isFalse();
        assertThat(writes.theirs(appointment(14, null))).isTrue();
    }

    @Test
    void aCreateNotFoundIsRecordedWithoutASettledAnswerSinceItsCallerWasToldOnlyForNow() {
        writes.readDay(create, List.of(), exchange());

        assertThat(writes.pending()).singleElement().satisfies(open -> assertThat(open.settled()).isNull());
    }

    @Test
    void anAppointmentBeingWithdrawnOrUnconfirmedIsNotListedToTheCaller() {
        writes.unread(create, exchange());
        writes.readById(UncertainWrite.ofAppointment(WritePoint.CANCEL, 13, "call-9", null), appointment(13, null), exchange());

        CalendarAppointment unconfirmed = appointment(5, "Booked by phone " + MARKER);
        CalendarAppointment beingCancelled = appointment(13, null);
        CalendarAppointment ordinary = appointment(14, "Booked by phone [tool call call-1 #abcdef]");

        assertThat(writes.shown(List.of(unconfirmed, beingCancelled, ordinary))).containsExactly(ordinary);
        assertThat(writes.pending()).as("listing adopts nothing").hasSize(2);
    }

    @Test
    void anAdoptedMoveIsCountedAsTheMoveItWas() {
        UncertainWrite move = UncertainWrite.ofCreate(WritePoint.RESCHEDULE_CREATE, 2, LocalDate.of(2026, 12, 7),
                "[tool call call-9 #abcdef]", "call-9", null);
        writes.unread(move, exchange());

        assertThat(writes.theirs(appointment(7, "Booked by phone [tool call call-9 #abcdef]"))).isTrue();
        assertThat(meters.counter("calendar.uncertain.writes.settled", "point", "reschedule_create", "outcome", "adopted").count())
                .isEqualTo(1);
    }

    @Test
    void aCallerWhoAdoptsFirstKeepsTheBookingAndTheReconcilerLeavesIt() {
        writes.unread(create, exchange());
        assertThat(writes.theirs(appointment(9, "Booked by phone " + MARKER))).isTrue();

        writes.settling();
        assertThat(writes.ours(create, List.of(appointment(9, "Booked by phone " + MARKER)))).isNull();
        writes.settled(create, null);
        assertThat(writes.allSettled()).isTrue();
    }

    @Test
    void anUncertainBookingIsTheCallersOnlyIfItIsAdoptedBeforeTheReconcilerSettlesIt() {
        writes.unread(create, exchange());
        UncertainWrite other = UncertainWrite.ofCreate(WritePoint.APPOINTMENT_CREATE, null, LocalDate.of(2026, 12, 7),
                "[tool call call-8]", "call-8", null);
        writes.unread(other, exchange());

        assertThat(writes.theirs(appointment(5, "Booked by phone " + MARKER))).as("adopted").isTrue();
        assertThat(writes.pending()).extracting(UncertainWrite::key).containsExactly(other.key());
        assertThat(writes.ours(create, List.of(appointment(5, "Booked by phone " + MARKER))))
                .as("the reconciler no longer withdraws it").isNull();
        assertThat(writes.ours(other, List.of(appointment(6, "Booked by phone [tool call call-8]")))).isEqualTo(6);
    }

    @Test
    void aCreateNotFoundIsWatchedForItsGraceAndWithdrawnIfItLandsLate() {
        writes.readDay(create, List.of(appointment(3, "Booked by phone")), exchange());
        assertThat(writes.pending()).as("not found is not final").hasSize(1);

        UncertainWrite open = writes.pending().get(0);
        assertThat(writes.due()).hasSize(1);
        writes.settling();
        now.addAndGet(40_000);
        writes.settled(open, null);
        assertThat(writes.pending()).as("within its grace: watched again").hasSize(1);
        assertThat(settledAnswers).isEmpty();
        now.addAndGet(39_000);
        assertThat(writes.due()).as("not looked for again before twice the time since it was recorded").isEmpty();
        now.addAndGet(1_000);
        assertThat(writes.due()).hasSize(1);

        UncertainWrite watched = writes.pending().get(0);
        assertThat(watched.recordedAt()).as("its first time is kept").isEqualTo(open.recordedAt());
        writes.settling();
        assertThat(writes.ours(watched, List.of(appointment(9, "Booked by phone " + MARKER)))).as("landed late").isEqualTo(9);
        assertThat(writes.due()).as("still open while it is withdrawn").hasSize(1);
        writes.settled(watched, 9);

        assertThat(writes.allSettled()).isTrue();
        assertThat(meters.counter("calendar.uncertain.writes.settled", "point", "appointment_create", "outcome", "withdrawn").count())
                .isEqualTo(1);
    }

    @Test
    void aCreateStillNotFoundOnceItsGraceIsOverIsSettledAsNeverMade() {
        writes.unread(create, exchange());
        UncertainWrite open = writes.pending().get(0);
        now.addAndGet(120_000);

        writes.settling();
        writes.settled(open, null);

        assertThat(writes.allSettled()).isTrue();
        assertThat(meters.counter("calendar.uncertain.writes.settled", "point", "appointment_create", "outcome", "absent").count())
                .isEqualTo(1);
    }

    @Test
    void theSameCallerAskingForTheSlotAgainAdoptsTheUncertainBookingSoItIsNotWithdrawn() {
        writes.unread(create, exchange());

        assertThat(writes.adopt("Booked by phone (Vapi call c) " + MARKER, WritePoint.APPOINTMENT_CREATE)).isTrue();
        assertThat(writes.pending()).isEmpty();
        assertThat(writes.adopt("Booked by phone (Vapi call c) " + MARKER, WritePoint.APPOINTMENT_CREATE)).as("once").isFalse();
        assertThat(writes.adopt(null, WritePoint.APPOINTMENT_CREATE)).isFalse();
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
