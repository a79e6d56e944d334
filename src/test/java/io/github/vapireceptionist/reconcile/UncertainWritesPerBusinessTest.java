package io.github.vapireceptionist.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.store.SharedStore;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.TestBusinesses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * An uncertain write is its business's: recorded with the business of the exchange that wrote it, keyed by it (north's
 * appointment 42 is not south's), shown to and adopted by its own business's callers only, and settled by the
 * reconciler at its own business's calendar. An item written before there were several businesses is the default's.
 */
class UncertainWritesPerBusinessTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Business NORTH = TestBusinesses.business("north", "http://north.invalid");
    private static final Business SOUTH = TestBusinesses.business("south", "http://south.invalid");
    private static final String MARKER = "[tool call call-7 #abcdef]";

    private final List<String> settledFor = new ArrayList<>();
    private final Businesses businesses = new Businesses(List.of(NORTH, SOUTH), true);
    private final UncertainWrites writes = new UncertainWrites(SharedStore.inMemory(), 100, JSON, new SimpleMeterRegistry(),
            (business, toolCallId, answer) -> settledFor.add(business + "/" + toolCallId), Duration.ofSeconds(3),
            Duration.ofSeconds(120), Clock.systemUTC(), businesses);

    private final UncertainWrite cancel42 = UncertainWrite.ofAppointment(WritePoint.CANCEL, 42, "call-9",
            new UncertainWrite.SettledAnswer(true, "Your appointment is cancelled."));

    @Test
    void northsUncertainCancelOf42IsNorthsAloneAndSettledAtNorth() {
        writes.unread(cancel42, exchangeOf(NORTH));

        UncertainWrite open = writes.pending().get(0);
        assertThat(open.businessId()).isEqualTo("north");
        assertThat(open.key()).isEqualTo("north:appointment-42");
        assertThat(writes.theirs(NORTH, appointment(42, null))).as("north's 42 is being cancelled").isFalse();
        assertThat(writes.theirs(SOUTH, appointment(42, null))).as("south's 42 is another appointment").isTrue();
        assertThat(writes.shown(SOUTH, List.of(appointment(42, null)))).hasSize(1);
        assertThat(writes.shown(NORTH, List.of(appointment(42, null)))).isEmpty();

        Exchange reconciler = new DefaultExchange(CAMEL);
        assertThat(writes.atItsBusiness(open, reconciler)).isTrue();
        assertThat(reconciler.getProperty(Businesses.EXCHANGE_PROPERTY)).as("its calendar calls go to north's").isEqualTo(NORTH);
        writes.settling();
        writes.settled(open, null);
        assertThat(writes.pending()).isEmpty();
        assertThat(settledFor).as("the re-sent tool call is answered in north's replays").containsExactly("north/call-9");
    }

    @Test
    void anUncertainCreateIsAdoptedOnlyByItsOwnBusinesssCaller() {
        UncertainWrite create = UncertainWrite.ofCreate(WritePoint.APPOINTMENT_CREATE, 2, LocalDate.of(2026, 12, 7), MARKER,
                "call-7", null);
        writes.unread(create, exchangeOf(SOUTH));
        CalendarAppointment made = appointment(5, "Booked by phone " + MARKER);

        assertThat(writes.theirs(NORTH, made)).as("north has no such create: nothing of south's is adopted").isTrue();
        assertThat(writes.pending()).hasSize(1);
        assertThat(writes.theirs(SOUTH, made)).as("adopted by south's caller").isTrue();
        assertThat(writes.pending()).isEmpty();
    }

    @Test
    void anItemWrittenBeforeThereWereSeveralBusinessesIsTheDefaultsUnderItsOldKey() throws Exception {
        String previousVersion = "{\"point\":\"CANCEL\",\"appointmentId\":42,\"providerId\":null,\"day\":null,\"marker\":null,"
                + "\"toolCallId\":\"call-9\",\"settled\":null,\"recordedAt\":1765000000000}";

        UncertainWrite read = JSON.readValue(previousVersion, UncertainWrite.class);

        assertThat(read.business()).isEqualTo(Businesses.DEFAULT_ID);
        assertThat(read.key()).isEqualTo("appointment-42");
        assertThat(JSON.writeValueAsString(read)).as("the default's items are written as before").isEqualTo(previousVersion);
        assertThat(JSON.readValue(JSON.writeValueAsString(read.of("north")), UncertainWrite.class).businessId()).isEqualTo("north");
    }

    @Test
    void theDefaultBusinesssItemIsSettledAtTheDefaultBusiness() {
        Business only = TestBusinesses.business(Businesses.DEFAULT_ID, "http://default.invalid");
        UncertainWrites oneBusiness = new UncertainWrites(SharedStore.inMemory(), 100, JSON, new SimpleMeterRegistry(),
                (business, toolCallId, answer) -> settledFor.add(business + "/" + toolCallId), Duration.ofSeconds(3),
                Duration.ofSeconds(120), Clock.systemUTC(), Businesses.single(only));
        oneBusiness.unread(cancel42, new DefaultExchange(CAMEL));
        UncertainWrite open = oneBusiness.pending().get(0);
        Exchange reconciler = new DefaultExchange(CAMEL);

        assertThat(open.businessId()).isNull();
        assertThat(open.key()).isEqualTo("appointment-42");
        assertThat(oneBusiness.atItsBusiness(open, reconciler)).isTrue();
        assertThat(reconciler.getProperty(Businesses.EXCHANGE_PROPERTY)).isEqualTo(only);
    }

    @Test
    void anItemOfABusinessNoLongerConfiguredStaysOpenLoggedOnceAndIsSettledNowhere() {
        writes.unread(cancel42, exchangeOf(NORTH));
        UncertainWrite open = writes.pending().get(0);
        businesses.replace(List.of(SOUTH));
        Exchange reconciler = new DefaultExchange(CAMEL);

        try (LogCapture logs = LogCapture.start()) {
            assertThat(writes.atItsBusiness(open, reconciler)).isFalse();
            assertThat(writes.atItsBusiness(open, reconciler)).isFalse();

            assertThat(logs.text().lines().filter(line -> line.contains("uncertain_write_orphaned business=north")))
                    .as("logged once").hasSize(1);
        }
        assertThat(reconciler.getProperty(Businesses.EXCHANGE_PROPERTY)).as("never someone else's calendar").isNull();
        assertThat(writes.due()).as("still open").containsExactly(open);

        businesses.replace(List.of(NORTH, SOUTH));
        assertThat(writes.atItsBusiness(open, reconciler)).as("settled once north is back").isTrue();
    }

    private static Exchange exchangeOf(Business business) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
        return exchange;
    }

    private static CalendarAppointment appointment(int id, String notes) {
        return new CalendarAppointment(id, "2026-12-07 10:00:00", "2026-12-07 10:30:00", "Booked", 1, 2, 1, notes);
    }
}
