package io.github.vapireceptionist.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.selfservice.CallerAttempts;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * One realistic phone conversation, scripted, against the sandbox calendar, counting every request that
 * reaches the calendar (a servlet filter in front of the sandbox's API, so the count is what a real
 * Easy!Appointments would see, whatever the app counts itself): ask a full day and hear the next free days,
 * ask another day twice, book, find the booking, move it, cancel it (asked, then confirmed). The availability
 * cache's clock is the script's: a turn (the assistant speaking, the caller answering) takes as long as the
 * script says, so the counts never depend on how fast this machine is. Each step's calls, by request, and the
 * total are printed; docs/performance.md keeps the figures.
 */
@Import(ConversationScript.CountingCalendar.class)
abstract class ConversationScript extends AppTest {

    private static final String CALLER = "+447911123456";
    static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    /** Tool call ids differ from one run to the next, so no answer is replayed from an earlier one. */
    private static final AtomicInteger RUN = new AtomicInteger();

    /** The availability cache's clock, moved by the script: each turn of the conversation takes this long. */
    static final AtomicLong NOW = new AtomicLong(1_000_000_000L);

    @TestConfiguration
    static class CountingCalendar {
        @Bean
        @Primary
        Ticker scriptedTicker() {
            return NOW::get;
        }

        @Bean
        FilterRegistrationBean<Filter> calendarRequestCounter() {
            FilterRegistrationBean<Filter> counter = new FilterRegistrationBean<>((request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                String path = http.getRequestURI().replaceFirst("^.*/api/v1", "").replaceAll("/\\d+", "/{id}");
                REQUESTS.computeIfAbsent(http.getMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
                chain.doFilter(request, response);
            });
            counter.addUrlPatterns("/sandbox/*");
            return counter;
        }
    }

    @Autowired
    SandboxCalendar sandbox;

    private int turnSeconds;

    @Autowired
    BookingReplays replays;

    @Autowired
    CallerAttempts attempts;

    @Autowired
    ServiceCatalog services;

    /** A Saturday (the sandbox is closed at weekends: a full day) and the Wednesday and Thursday after it. */
    final LocalDate fullDay = LocalDate.now(ZoneId.of("Europe/London")).plusDays(2)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
    final LocalDate wednesday = fullDay.plusDays(4);
    final LocalDate thursday = fullDay.plusDays(5);

    /**
     * An empty calendar, nothing remembered of an earlier conversation, and the booked service known: it is
     * read once per ten minutes per instance (ServiceCatalog), not once per conversation.
     */
    @BeforeEach
    void anEmptyCalendar() {
        sandbox.reset();
        replays.clear();
        attempts.clear();
        services.current();
        REQUESTS.clear();
        RUN.incrementAndGet();
    }

    /** Runs the conversation, {@code turnSeconds} between tool calls; each step's calendar requests, in order. */
    Map<String, Map<String, Integer>> converse(int turnSeconds) throws Exception {
        Map<String, Map<String, Integer>> steps = new LinkedHashMap<>();
        this.turnSeconds = turnSeconds;
        JsonNode full = step(steps, "check a full day", "check_availability", "{\"date\":\"" + fullDay + "\"}");
        assertThat(full.get("next_available")).hasSize(2);
        step(steps, "check another day", "check_availability", "{\"date\":\"" + wednesday + "\"}");
        step(steps, "check it again", "check_availability", "{\"date\":\"" + wednesday + "\"}");
        JsonNode booked = step(steps, "book", "book_appointment", "{\"date\":\"" + wednesday + "\",\"time\":\"10:00\","
                + "\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\",\"phone\":\"07911 123456\"}");
        String reference = booked.get("appointment_id").asText();
        assertThat(step(steps, "find", "find_appointment", "{}").get("appointments")).hasSize(1);
        JsonNode moved = step(steps, "move", "reschedule_appointment",
                "{\"appointment_ref\":\"" + reference + "\",\"date\":\"" + thursday + "\",\"time\":\"11:00\"}");
        String newReference = moved.get("appointment").get("reference").asText();
        step(steps, "cancel (asked)", "cancel_appointment", "{\"appointment_ref\":\"" + newReference + "\"}");
        JsonNode cancelled = step(steps, "cancel (confirmed)", "cancel_appointment",
                "{\"appointment_ref\":\"" + newReference + "\",\"confirm\":true}");
        assertThat(cancelled.get("changed").asBoolean()).isTrue();
        return steps;
    }

    /** {@code callers} callers one after another, within one turn, each asking about the same full day. */
    int busyLine(int callers) throws Exception {
        REQUESTS.clear();
        for (int i = 0; i < callers; i++) {
            String caller = "+4479111234" + (10 + i);
            toolResult(webhook(VapiPayloads.toolCallFrom(caller, "run" + RUN.get() + "-busy-" + i, "check_availability",
                    "{\"date\":\"" + fullDay + "\"}")));
        }
        return REQUESTS.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static int total(Map<String, Map<String, Integer>> steps) {
        return steps.values().stream().flatMap(calls -> calls.values().stream()).mapToInt(Integer::intValue).sum();
    }

    static void print(String title, Map<String, Map<String, Integer>> steps) {
        StringBuilder table = new StringBuilder("\n").append(title).append('\n');
        steps.forEach((step, calls) -> table.append(String.format("  %-20s %2d  %s%n", step,
                calls.values().stream().mapToInt(Integer::intValue).sum(), calls)));
        table.append(String.format("  %-20s %2d%n", "total", total(steps)));
        System.out.print(table);
    }

    private JsonNode step(Map<String, Map<String, Integer>> steps, String name, String function, String arguments)
            throws Exception {
        NOW.addAndGet(TimeUnit.SECONDS.toNanos(turnSeconds));
        REQUESTS.clear();
        HttpResponse<String> response = webhook(VapiPayloads.toolCallFrom(CALLER,
                "run" + RUN.get() + "-" + name.replace(' ', '-').replace("(", "").replace(")", "") + "-" + steps.size(),
                function, arguments));
        Map<String, Integer> calls = new TreeMap<>();
        REQUESTS.forEach((request, count) -> calls.put(request, count.get()));
        steps.put(name, calls);
        return toolResult(response);
    }
}
