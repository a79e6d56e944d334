package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The booking-lookups pool with a single thread and bookings arriving together: the lookups the pool has
 * no thread for run on the thread that hands them over (CallerRuns), one after the other, and every caller
 * still gets the answer the calendar warrants.
 */
@TestPropertySource(properties = {
    "camel.threadpool.config.booking-lookups.pool-size=1",
    "camel.threadpool.config.booking-lookups.max-pool-size=1"
})
class BookingLookupsSaturatedTest extends AppTest {

    private static final int CALLERS = 8;

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @BeforeEach
    void emptyCalendar() {
        sandbox.reset();
        replays.clear();
    }

    @Test
    void callersBookingAtOnceWithNoThreadToSpareAreAllAnsweredRightly() throws Exception {
        List<JsonNode> booked = allAtOnce("first");
        List<JsonNode> askedAgain = allAtOnce("again");

        for (int caller = 0; caller < CALLERS; caller++) {
            assertThat(booked.get(caller).get("time").asText()).isEqualTo(time(caller));
            assertThat(booked.get(caller).has("already_booked")).isFalse();
            assertThat(askedAgain.get(caller).get("already_booked").asBoolean()).isTrue();
            assertThat(askedAgain.get(caller).get("appointment_id")).isEqualTo(booked.get(caller).get("appointment_id"));
        }
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(CALLERS);
    }

    /** Each caller books their own time, all at once; the answers in the callers' order. */
    private List<JsonNode> allAtOnce(String attempt) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<CompletableFuture<JsonNode>> answers = IntStream.range(0, CALLERS)
                    .mapToObj(caller -> CompletableFuture.supplyAsync(() -> book(attempt, caller), callers)).toList();
            return answers.stream().map(answer -> answer.orTimeout(60, TimeUnit.SECONDS).join()).toList();
        } finally {
            callers.shutdown();
        }
    }

    private JsonNode book(String attempt, int caller) {
        try {
            return toolResult(webhook(VapiPayloads.toolCall("tc-" + attempt + "-" + caller, "book_appointment",
                    "{\"date\":\"" + day + "\",\"time\":\"" + time(caller) + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                            + "\"email\":\"caller" + caller + "@example.com\",\"phone\":\"07123 456789\"}")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every half hour from 09:00 to 12:00 and after the sandbox's lunch break (12:00 to 13:00). */
    private static String time(int caller) {
        LocalTime time = LocalTime.of(9, 0).plusMinutes(30L * caller);
        return (time.isBefore(LocalTime.NOON) ? time : time.plusHours(1)).toString();
    }
}
