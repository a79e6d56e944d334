package io.github.vapireceptionist.business;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.vapireceptionist.resilience.CalendarBreaker;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.BusinessesFiles;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * A tool call in flight while BUSINESSES_FILE is reloaded (review item 20). North's check_availability is held just
 * before its calendar call is prepared (a latch, not a sleep) while the file is reloaded to (a) give north a new
 * calendar token, (b) remove north. The call in flight finishes with a correct, speakable answer made with the record
 * it began with (its token, not the new one); the next call sees the new set: the new token, or a 401 for north.
 * The file still holds one business (OneBusinessSettings), so north is removed by putting south in its place.
 */
@TestPropertySource(properties = {"businesses.file=" + ReloadWhileInFlightTest.FILE, "businesses.watch=false",
        "NORTH_SECRET=" + ReloadWhileInFlightTest.NORTH_SECRET, "SOUTH_SECRET=" + ReloadWhileInFlightTest.SOUTH_SECRET,
        "NORTH_TOKEN_A=north-token-a", "NORTH_TOKEN_B=north-token-b", "SOUTH_TOKEN=south-token"})
@Import(ReloadWhileInFlightTest.Hold.class)
class ReloadWhileInFlightTest extends AppTest {

    static final String FILE = "target/test-businesses/in-flight.yaml";
    static final String NORTH_SECRET = "north-in-flight-secret-0123456789-0123456789";
    static final String SOUTH_SECRET = "south-in-flight-secret-0123456789-0123456789";
    private static final LocalDate DAY = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    /** A port known before the context reads the file (its environment is read before any dynamic property). */
    private static final int CALENDAR_PORT = TestSocketUtils.findAvailableTcpPort();

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance().options(wireMockConfig().port(CALENDAR_PORT)).build();

    static {
        BusinessesFiles.write("in-flight.yaml", north("NORTH_TOKEN_A"));
    }

    /** Holds the first exchange of north that prepares a calendar call once armed, until released. */
    static final class HeldCalendarCall implements InterceptStrategy {

        final AtomicBoolean armed = new AtomicBoolean();
        volatile CountDownLatch reached = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(1);

        @Override
        public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor next) {
            String label = definition.getLabel();
            if (label == null || !label.contains("calendarRequests") || !label.contains("prepare")) {
                return target;
            }
            return exchange -> {
                Business business = exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class);
                if (business != null && business.id().equals("north") && armed.compareAndSet(true, false)) {
                    reached.countDown();
                    release.await(20, TimeUnit.SECONDS);
                }
                target.process(exchange);
            };
        }

        void arm() {
            reached = new CountDownLatch(1);
            release = new CountDownLatch(1);
            armed.set(true);
        }
    }

    @TestConfiguration
    static class Hold {

        /** Camel adds every InterceptStrategy bean to its context. */
        @Bean
        HeldCalendarCall heldCalendarCall() {
            return new HeldCalendarCall();
        }
    }

    static String north(String tokenVariable) {
        return business("north", "NORTH_SECRET", tokenVariable);
    }

    static String business(String id, String secretVariable, String tokenVariable) {
        return """
                businesses:
                  - id: %s
                    name: Business %s
                    timezone: Europe/London
                    vapi:
                      phone-number-ids: [pn-%s]
                    webhook:
                      secret: ${%s}
                    easyappointments:
                      base-url: %s
                      api-token: ${%s}
                """.formatted(id, id, id, secretVariable, "http://localhost:" + CALENDAR_PORT, tokenVariable);
    }

    @Autowired
    BusinessesReloader reloader;
    @Autowired
    HeldCalendarCall held;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    void clinic() {
        EasyAppointmentsStubs.salonWithJaneFreeOn(calendar, DAY, "[\"09:00\",\"09:30\"]");
        calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(EasyAppointmentsStubs.ok(EasyAppointmentsStubs.service())));
    }

    @AfterEach
    void northAgain() {
        held.release.countDown();
        BusinessesFiles.write("in-flight.yaml", north("NORTH_TOKEN_A"));
        assertThat(reloader.reload().applied()).isTrue();
    }

    @Test
    void aCallInFlightKeepsItsTokenAndTheNextCallUsesTheNewOne() throws Exception {
        assertThat(slots(checkAvailability("north", NORTH_SECRET))).isEqualTo("[\"09:00\",\"09:30\"]");
        calendar.resetRequests();

        CompletableFuture<HttpResponse<String>> inFlight = heldWhile(() -> {
            BusinessesFiles.write("in-flight.yaml", north("NORTH_TOKEN_B"));
            BusinessesReloader.Outcome outcome = reloader.reload();
            assertThat(outcome.changed()).containsExactly("north");
        });

        HttpResponse<String> answered = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(slots(answered)).as("the call that began before the reload").isEqualTo("[\"09:00\",\"09:30\"]");
        assertThat(tokensOfAvailabilityReads()).as("made with the record it began with").isNotEmpty()
                .containsOnly("Bearer north-token-a");

        calendar.resetRequests();
        assertThat(slots(checkAvailability("north", NORTH_SECRET))).isEqualTo("[\"09:00\",\"09:30\"]");
        assertThat(tokensOfAvailabilityReads()).as("the next call: the new token").isNotEmpty()
                .containsOnly("Bearer north-token-b");
    }

    @Test
    void aCallInFlightForABusinessRemovedMeanwhileFinishesAndTheNextIsRefused() throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = heldWhile(() -> {
            BusinessesFiles.write("in-flight.yaml", business("south", "SOUTH_SECRET", "SOUTH_TOKEN"));
            BusinessesReloader.Outcome outcome = reloader.reload();
            assertThat(outcome.removed()).containsExactly("north");
            assertThat(outcome.added()).containsExactly("south");
        });

        HttpResponse<String> answered = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(slots(answered)).as("north's call that began before it was removed").isEqualTo("[\"09:00\",\"09:30\"]");
        assertThat(tokensOfAvailabilityReads()).isNotEmpty().containsOnly("Bearer north-token-a");
        assertThat(meters.find("calendar.breaker.state").tag("business", "north").meters())
                .as("what the call in flight used of north's is not left behind once north is gone").isEmpty();
        assertThat(breakers.find(CalendarBreaker.breakerName("north"))).isEmpty();

        calendar.resetRequests();
        HttpResponse<String> refused = checkAvailability("north", NORTH_SECRET);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(calendar.findAll(getRequestedFor(urlPathEqualTo(API + "/availabilities")))).as("nothing ran for north").isEmpty();
        assertThat(slots(checkAvailability("south", SOUTH_SECRET))).isEqualTo("[\"09:00\",\"09:30\"]");
        assertThat(tokensOfAvailabilityReads()).isNotEmpty().containsOnly("Bearer south-token");
    }

    /** North's check_availability, held before its calendar call while {@code reload} runs, then let go. */
    private CompletableFuture<HttpResponse<String>> heldWhile(Runnable reload) throws InterruptedException {
        calendar.resetRequests();
        held.arm();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> checkAvailability("north", NORTH_SECRET));
        assertThat(held.reached.await(20, TimeUnit.SECONDS)).as("north's call reached its calendar step").isTrue();
        try {
            reload.run();
        } finally {
            held.release.countDown();
        }
        await().atMost(Duration.ofSeconds(20)).until(inFlight::isDone);
        return inFlight;
    }

    private List<String> tokensOfAvailabilityReads() {
        return calendar.findAll(getRequestedFor(urlPathEqualTo(API + "/availabilities"))
                .withQueryParam("date", equalTo(DAY.toString()))).stream()
                .map(request -> request.getHeader("Authorization")).toList();
    }

    private static String slots(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return toolResult(response).get("slots").toString();
    }

    private HttpResponse<String> checkAvailability(String business, String secret) {
        return httpPost(WEBHOOK, VapiPayloads.toolCall("call_in_flight", "check_availability", "{\"date\":\"" + DAY + "\"}")
                .replace("\"call\":{", "\"call\":{\"phoneNumberId\":\"pn-" + business + "\","), "x-vapi-secret", secret);
    }
}
