package io.github.vapireceptionist.reconcile;

import static io.github.vapireceptionist.support.SandboxSeed.appointment;
import static io.github.vapireceptionist.support.SandboxSeed.appointmentsOf;
import static io.github.vapireceptionist.support.SandboxSeed.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.selfservice.CallerAttempts;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.FaultyCalendarProxy;
import io.github.vapireceptionist.support.FaultyCalendarProxy.Fault;
import io.github.vapireceptionist.support.FaultyCalendarProxy.Kind;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Fault injection at every write point of every flow, through a loopback proxy in front of the sandbox calendar
 * (FaultyCalendarProxy): the write passed on and applied, then its answer held past the write timeout, the connection
 * reset, or a proxy's 502; or the write refused (Easy!Appointments' own 500 JSON: nothing applied). Each also with the
 * calendar not answering the reads after it (the honest answer, then the reconciler once it is back). For each, the
 * caller's answer must match the calendar's final state, no appointment may be left that the caller was not told
 * about, and the same tool call sent again must not make a second one.
 */
@TestPropertySource(properties = {"easyappointments.write-timeout-ms=400", "easyappointments.read-timeout-ms=1000",
    "reconciliation.budget-ms=1500", "reconciliation.period-ms=100", "reconciliation.grace-seconds=3",
    "self-service.attempts-per-caller=100"})
class WriteFaultsTest extends AppTest {

    private static final FaultyCalendarProxy PROXY = FaultyCalendarProxy.onLoopback();
    private static final String ADA_NUMBER = "+447911123456";
    private static final String ADA_EMAIL = "ada@example.com";

    enum Point {
        CUSTOMER_CREATE("POST", "/api/v1/customers"),
        APPOINTMENT_CREATE("POST", "/api/v1/appointments"),
        WITHDRAWAL("DELETE", "/api/v1/appointments/"),
        CANCEL("DELETE", "/api/v1/appointments/"),
        RESCHEDULE_CREATE("POST", "/api/v1/appointments"),
        RESCHEDULE_RELEASE("DELETE", "/api/v1/appointments/");

        final String method;
        final String path;

        Point(String method, String path) {
            this.method = method;
            this.path = path;
        }
    }

    /** One injected fault's outcome: whether the answer contradicted the final state, phantoms, duplicates. */
    record Outcome(boolean contradicted, int phantoms, int duplicates, String answer) {
    }

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    @Autowired
    CallerAttempts attempts;

    @Autowired
    UncertainWrites uncertainWrites;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Value("${local.server.port}")
    int appPort;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));
    private int sequence;

    @DynamicPropertySource
    static void calendarBehindTheProxy(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.sandbox-base-url",
                () -> "http://127.0.0.1:" + PROXY.port() + "/sandbox/easyappointments");
    }

    @BeforeEach
    void proxyInFrontOfTheSandbox() {
        PROXY.upstream(appPort);
        PROXY.hold(1_200);
    }

    @AfterAll
    static void stopProxy() throws IOException {
        PROXY.reset();
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (Point point : Point.values()) {
            for (Kind kind : Kind.values()) {
                rows.add(Arguments.of(point, kind, false));
                if (kind != Kind.REFUSE) {
                    rows.add(Arguments.of(point, kind, true));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} × {1}, calendar down after it: {2}")
    @MethodSource("table")
    void theAnswerMatchesTheCalendarAndNothingIsLeftUntold(Point point, Kind kind, boolean readsFail) {
        Outcome outcome = inject(point, kind, readsFail);

        assertThat(outcome.contradicted()).as("the answer %s contradicts the calendar", outcome.answer()).isFalse();
        assertThat(outcome.phantoms()).as("appointments nobody was told about").isZero();
        assertThat(outcome.duplicates()).as("a second appointment from the re-sent call").isZero();
        assertThat(PROXY.fired()).as("the fault was injected").isTrue();
    }

    @Test
    void anAppointmentTheReconcilerHasStillToWithdrawIsNeverToldToTheCallerAsTheirBooking() {
        sandbox.reset();
        replays.clear();
        attempts.clear();
        PROXY.reset();
        customer(sandbox, "Ada", ADA_EMAIL, "07911 123456");
        int bo = customer(sandbox, "Bo", "bo@example.com", "07911 123457");
        AtomicBoolean rivalMade = new AtomicBoolean();
        PROXY.beforePassingOn(request -> {
            if (request.startsWith("POST") && request.endsWith("/appointments") && rivalMade.compareAndSet(false, true)) {
                appointment(sandbox, day, bo, "10:00");
            }
        });
        PROXY.refuseEvery("DELETE");    // the race loser's withdrawal refused: recorded for the reconciler
        String arguments = "{\"date\":\"" + day + "\",\"time\":\"10:00\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                + "\"email\":\"" + ADA_EMAIL + "\",\"phone\":\"07911 123456\"}";

        JsonNode lost = toolAnswer(call("withdrawal-refused-1", "book_appointment", arguments));
        assertThat(uncertainWrites.pending()).as("the withdrawal left for the reconciler").hasSize(1);
        JsonNode again = toolAnswer(call("withdrawal-refused-2", "book_appointment", arguments));    // the caller asks again
        settle();

        assertThat(booked(lost)).isFalse();
        assertThat(again.toString()).doesNotContain("already booked");
        assertThat(bookingMatches(again, "10:00")).as("%s against the calendar", again).isTrue();
    }

    @Test
    void aBookingTheCallerHeardWasNotConfirmedIsNotListedAsTheirsWhileItIsWithdrawn() {
        sandbox.reset();
        replays.clear();
        attempts.clear();
        PROXY.reset();
        customer(sandbox, "Ada", ADA_EMAIL, "07911 123456");
        PROXY.arm(new Fault("POST", "/api/v1/appointments", Kind.DELAY, true));
        String arguments = "{\"date\":\"" + day + "\",\"time\":\"11:00\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                + "\"email\":\"" + ADA_EMAIL + "\",\"phone\":\"07911 123456\"}";
        JsonNode unconfirmed = toolAnswer(call("unconfirmed-then-find-1", "book_appointment", arguments));
        assertThat(unconfirmed.path("error").asText()).contains("I couldn't confirm that the booking went through");

        PROXY.reset();
        PROXY.refuseEvery("DELETE");    // the calendar reads again but does not delete yet: the appointment still stands
        await().atMost(Duration.ofSeconds(15)).until(PROXY::quiet);
        assertThat(adasAppointments()).as("made, not withdrawn yet").hasSize(1);
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);    // opened by the reconciler's runs while it was down
        JsonNode found = toolAnswer(call("unconfirmed-then-find-2", "find_appointment", "{}"));

        assertThat(found.path("message").asText()).as("find_appointment while it is withdrawn: %s", found)
                .isEqualTo("I can't see any upcoming appointments for you.");
        settle();
        assertThat(adasAppointments()).as("withdrawn once the calendar deletes again").isEmpty();
    }

    /**
     * The campaign: the table in random order, FAULT_ROUNDS times (-Dfaults.rounds=N, bench/write-faults.sh), counted
     * and printed. Off in the ordinary build (the table above is the ordinary build's).
     */
    @Test
    void aCampaignOfInjectedFaultsLeavesNoContradictionNoPhantomAndNoDuplicate() {
        int rounds = Integer.getInteger("faults.rounds", 0);
        assumeTrue(rounds > 0, "-Dfaults.rounds=N runs the campaign");
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            cases.addAll(table().toList());
        }
        Collections.shuffle(cases, new Random(Long.getLong("faults.seed", 20L)));
        Map<Point, Map<Kind, int[]>> counts = new EnumMap<>(Point.class);
        int injected = PROXY.injected();
        long started = System.nanoTime();
        for (Arguments row : cases) {
            Object[] args = row.get();
            Point point = (Point) args[0];
            Kind kind = (Kind) args[1];
            breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
            int before = PROXY.injected();
            Outcome outcome = inject(point, kind, (Boolean) args[2]);
            int[] cell = counts.computeIfAbsent(point, p -> new EnumMap<>(Kind.class)).computeIfAbsent(kind, k -> new int[4]);
            if (PROXY.injected() == before) {
                System.out.println("NOT INJECTED " + point + " " + kind + " " + args[2] + ": " + outcome.answer());
            }
            cell[0] += PROXY.injected() - before;
            cell[1] += outcome.contradicted() ? 1 : 0;
            cell[2] += outcome.phantoms();
            cell[3] += outcome.duplicates();
        }
        int faults = PROXY.injected() - injected;
        StringBuilder table = new StringBuilder(String.format("%n%-20s %-12s %7s %13s %9s %11s%n", "write point", "fault",
                "faults", "contradicted", "phantoms", "duplicates"));
        int[] total = new int[4];
        counts.forEach((point, byKind) -> byKind.forEach((kind, cell) -> {
            table.append(String.format("%-20s %-12s %7d %13d %9d %11d%n", point.name().toLowerCase(), kind.name().toLowerCase(),
                    cell[0], cell[1], cell[2], cell[3]));
            for (int i = 0; i < 4; i++) {
                total[i] += cell[i];
            }
        }));
        table.append(String.format("%-33s %7d %13d %9d %11d%n", "total (" + faults + " injected, "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s)", total[0], total[1], total[2], total[3]));
        System.out.println(table);

        assertThat(faults).as("faults injected").isEqualTo(cases.size());
        assertThat(total[1]).as("answers contradicting the calendar").isZero();
        assertThat(total[2]).as("phantom appointments after reconciliation").isZero();
        assertThat(total[3]).as("duplicates from re-sent calls").isZero();
    }

    // ---- one injected fault ----------------------------------------------------------------------------------------

    private Outcome inject(Point point, Kind kind, boolean readsFail) {
        sandbox.reset();
        replays.clear();
        attempts.clear();
        PROXY.reset();
        // free on a fresh sandbox day: 09:00 to 11:30 (the last before the lunch break), and 16:00 to 16:30 (the last of the day)
        String time = String.format("%02d:%02d", 9 + sequence % 3, (sequence / 3 % 3) * 15);
        String otherTime = String.format("16:%02d", sequence % 3 * 15);
        sequence++;
        String toolCallId = "fault-" + point.name().toLowerCase() + "-" + kind.name().toLowerCase() + "-" + sequence;
        Fault fault = new Fault(point.method, point.path, kind, readsFail);
        return switch (point) {
            case CUSTOMER_CREATE, APPOINTMENT_CREATE, WITHDRAWAL -> book(point, fault, toolCallId, time);
            case CANCEL -> cancel(fault, toolCallId, time);
            case RESCHEDULE_CREATE, RESCHEDULE_RELEASE -> reschedule(fault, toolCallId, time, otherTime);
        };
    }

    private Outcome book(Point point, Fault fault, String toolCallId, String time) {
        if (point != Point.CUSTOMER_CREATE) {
            customer(sandbox, "Ada", ADA_EMAIL, "07911 123456");
        }
        if (point == Point.WITHDRAWAL) {
            // someone else's booking lands just before ours: ours loses the race and is withdrawn (the faulted DELETE)
            int bo = customer(sandbox, "Bo", "bo@example.com", "07911 123457");
            AtomicBoolean rivalMade = new AtomicBoolean();
            PROXY.beforePassingOn(request -> {
                if (request.startsWith("POST") && request.endsWith("/appointments") && rivalMade.compareAndSet(false, true)) {
                    appointment(sandbox, day, bo, time);
                }
            });
        }
        PROXY.arm(fault);
        String arguments = "{\"date\":\"" + day + "\",\"time\":\"" + time + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                + "\"email\":\"" + ADA_EMAIL + "\",\"phone\":\"07911 123456\"}";
        JsonNode first = toolAnswer(call(toolCallId, "book_appointment", arguments));
        settle();
        boolean contradicted = !bookingMatches(first, time);
        int phantoms = adasAppointments().size() - (booked(first) ? 1 : 0);

        JsonNode again = toolAnswer(call(toolCallId, "book_appointment", arguments));
        settle();
        contradicted |= !bookingMatches(again, time);
        int duplicates = Math.max(0, adasAppointments().size() - 1);

        // re-sent again to an instance that does not remember the answer: the calendar alone must keep it to one
        replays.clear();
        JsonNode unremembered = toolAnswer(call(toolCallId, "book_appointment", arguments));
        settle();
        contradicted |= !bookingMatches(unremembered, time);
        duplicates += Math.max(0, adasAppointments().size() - 1);
        return new Outcome(contradicted, Math.max(0, phantoms), duplicates, first.toString());
    }

    private boolean bookingMatches(JsonNode answer, String time) {
        List<SandboxCalendar.Appointment> adas = adasAppointments();
        if (!booked(answer)) {
            return adas.isEmpty();
        }
        int reference = answer.get("appointment_id").asInt();
        return adas.size() == 1 && adas.get(0).id() == reference && adas.get(0).start().equals(day + " " + time + ":00");
    }

    private static boolean booked(JsonNode answer) {
        return answer.has("appointment_id") && answer.path("success").asBoolean();
    }

    private Outcome cancel(Fault fault, String toolCallId, String time) {
        int ada = customer(sandbox, "Ada", ADA_EMAIL, "07911 123456");
        int reference = appointment(sandbox, day, ada, time);
        PROXY.arm(fault);
        String arguments = "{\"appointment_ref\":\"" + reference + "\",\"confirm\":true}";
        JsonNode first = toolAnswer(call(toolCallId, "cancel_appointment", arguments));
        settle();
        boolean contradicted = cancelled(first) == sandbox.appointment(reference).isPresent();
        int phantoms = 0;

        JsonNode again = toolAnswer(call(toolCallId, "cancel_appointment", arguments));
        settle();
        contradicted |= cancelled(again) == sandbox.appointment(reference).isPresent();
        return new Outcome(contradicted, phantoms, Math.max(0, adasAppointments().size() - 1), first.toString());
    }

    /** Cancelled, or the honest answer that promises to finish it. */
    private static boolean cancelled(JsonNode answer) {
        return answer.path("changed").asBoolean() || answer.path("error").asText().contains("treat it as cancelled");
    }

    private Outcome reschedule(Fault fault, String toolCallId, String time, String newTime) {
        int ada = customer(sandbox, "Ada", ADA_EMAIL, "07911 123456");
        int old = appointment(sandbox, day, ada, time);
        PROXY.arm(fault);
        String arguments = "{\"appointment_ref\":\"" + old + "\",\"date\":\"" + day + "\",\"time\":\"" + newTime + "\"}";
        JsonNode first = toolAnswer(call(toolCallId, "reschedule_appointment", arguments));
        settle();
        boolean contradicted = !moveMatches(first, old, newTime);
        int told = first.path("changed").asBoolean() && first.path("message").asText().contains("still in the calendar") ? 2 : 1;
        int phantoms = Math.max(0, adasAppointments().size() - told);

        JsonNode again = toolAnswer(call(toolCallId, "reschedule_appointment", arguments));
        settle();
        contradicted |= !moveMatches(again, old, newTime);
        long atNewTime = adasAppointments().stream().filter(a -> a.start().equals(day + " " + newTime + ":00")).count();
        return new Outcome(contradicted, phantoms, (int) Math.max(0, atNewTime - 1), first.toString());
    }

    /** Moved: the new one at the new time, the old one gone unless the answer says it is still there; not moved: as before. */
    private boolean moveMatches(JsonNode answer, int old, String newTime) {
        List<SandboxCalendar.Appointment> adas = adasAppointments();
        boolean oldThere = sandbox.appointment(old).isPresent();
        if (!answer.path("changed").asBoolean()) {
            return oldThere && adas.size() == 1;
        }
        int reference = answer.at("/appointment/reference").asInt();
        boolean newThere = adas.stream().anyMatch(a -> a.id() == reference && a.start().equals(day + " " + newTime + ":00"));
        boolean oldSaidThere = answer.path("message").asText().contains("still in the calendar");
        return newThere && oldThere == oldSaidThere && adas.size() == (oldSaidThere ? 2 : 1);
    }

    /** The calendar answers again, a late write has landed, and the reconciler has settled every uncertain write. */
    private void settle() {
        PROXY.reset();
        await().atMost(Duration.ofSeconds(15)).until(PROXY::quiet);
        await().atMost(Duration.ofSeconds(15)).until(uncertainWrites::allSettled);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private HttpResponse<String> call(String toolCallId, String function, String arguments) {
        HttpResponse<String> response = webhook(VapiPayloads.toolCallFrom(ADA_NUMBER, toolCallId, function, arguments));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private List<SandboxCalendar.Appointment> adasAppointments() {
        return appointmentsOf(sandbox, ADA_EMAIL);
    }
}
