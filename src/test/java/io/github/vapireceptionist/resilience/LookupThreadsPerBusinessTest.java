package io.github.vapireceptionist.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.CalendarCallRecorder;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * check_availability's days asked at the same time run on their business's own lookup threads (BusinessLookups): while
 * north's calendar hangs with more of north's look-ups in progress than the team-lookups pool has threads, south's
 * look-ahead still asks every one of its days on south's own team-lookups threads. With one pool for every business,
 * north's hanging look-ups held all of its threads, and south's days were asked one after the other on its caller's
 * thread (CallerRuns). Proved by the thread each of south's calendar calls was made on, not by when they arrived: on a
 * pool of two threads Camel's parallel split hands its own dispatching to the same pool, so whether two of south's days
 * overlap depends on which of its two threads is back in the pool first (a race that even an idle machine loses now
 * and then). Its context is not kept (a lookup pool of two threads, long reads).
 */
@TestPropertySource(properties = {"businesses.by-path=true", "camel.threadpool.config.team-lookups.max-pool-size=2",
    "easyappointments.read-timeout-ms=4000", "resilience.budget.check-availability-ms=4000"})
@Import(LookupThreadsPerBusinessTest.TwoCalendars.class)
@DirtiesContext
class LookupThreadsPerBusinessTest extends AppTest {

    /** How long south's calendar takes to answer each day. */
    static final int SOUTH_DAY_MS = 200;
    static final int NORTH_CALLS = 3;

    @RegisterExtension
    static final WireMockExtension northCalendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension southCalendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TestConfiguration
    static class TwoCalendars {

        @Bean
        @Primary
        Businesses twoBusinesses() {
            return new Businesses(List.of(TestBusinesses.business("north", northCalendar.baseUrl()),
                    TestBusinesses.business("south", southCalendar.baseUrl())), true);
        }

        /** Camel adds every InterceptStrategy bean to the context: this one sees the thread of each calendar call. */
        @Bean
        CalendarCallRecorder calendarCallRecorder() {
            return new CalendarCallRecorder();
        }
    }

    @Autowired
    CalendarCallRecorder calendarCalls;

    @DynamicPropertySource
    static void calendars(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", northCalendar::baseUrl);
        registry.add("easyappointments.api-token", () -> TestBusinesses.tokenOf("north"));
    }

    final LocalDate firstDay = LocalDate.now(ZoneId.of("Europe/London")).plusDays(3);

    @Test
    void southsLookAheadAsksItsDaysOnItsOwnThreadsWhileNorthsLookupsHang() throws Exception {
        for (WireMockExtension calendar : List.of(northCalendar, southCalendar)) {
            EasyAppointmentsStubs.salonWithJaneFreeOn(calendar, firstDay, "[]");
        }
        northCalendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[]").withFixedDelay(20_000)));
        southCalendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]").withFixedDelay(SOUTH_DAY_MS)));

        List<CompletableFuture<HttpResponse<String>>> north = new ArrayList<>();
        for (int i = 0; i < NORTH_CALLS; i++) {
            north.add(checkAvailabilityAsync("north", "north-" + i, firstDay.plusDays(i)));
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> northCalendar.findAll(getRequestedFor(urlPathEqualTo(API + "/availabilities")))
                .size() == NORTH_CALLS);

        HttpResponse<String> south = checkAvailabilityAsync("south", "south-1", firstDay).get();

        assertThat(toolResult(south).get("success").asBoolean()).as(south.body()).isTrue();
        List<LoggedRequest> days = southCalendar.findAll(getRequestedFor(urlPathEqualTo(API + "/availabilities")));
        assertThat(days).as("the requested day and the look-ahead's").hasSizeGreaterThan(2);
        assertThat(calendarCalls.threadsOf("south", "ea-availabilities")).as("the threads south's days were asked on")
                .hasSize(days.size()).allSatisfy(thread -> assertThat(thread).endsWith(" - team-lookups:south"));
        assertThat(northCalendar.findAll(getRequestedFor(urlPathEqualTo(API + "/availabilities"))))
                .as("north's look-ups were still waiting for their calendar meanwhile").hasSize(NORTH_CALLS);

        for (CompletableFuture<HttpResponse<String>> call : north) {
            assertThat(toolError(call.get())).as("north's caller hears the slow calendar").contains("slow");
        }
    }

    private CompletableFuture<HttpResponse<String>> checkAvailabilityAsync(String business, String callId, LocalDate day) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + WEBHOOK + "/" + business))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("x-vapi-secret", TestBusinesses.secretOf(business))
                .POST(HttpRequest.BodyPublishers.ofString(VapiPayloads.toolCall(callId, "check_availability",
                        "{\"date\":\"" + day + "\"}")))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
}
