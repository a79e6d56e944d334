package io.github.vapireceptionist.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.FixedServiceCatalog;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The calendar connections are pooled by host: each calendar host gets at most EASYAPPOINTMENTS_MAX_CONNECTIONS, and
 * the pool holds more than that in all (EASYAPPOINTMENTS_MAX_CONNECTIONS_TOTAL), so a calendar that hangs holds only
 * its own host's connections. Here each host may hold 2: while north's calendar holds both of its own, south's call
 * still gets a connection at once. With the pool's total equal to one host's share (as before), south's call waited
 * for a connection north held and its caller heard that the calendar is slow.
 */
@TestPropertySource(properties = {"businesses.by-path=true", "easyappointments.max-connections=2",
        "easyappointments.max-connections-total=8"})
@Import(CalendarConnectionsPerHostTest.TwoCalendars.class)
class CalendarConnectionsPerHostTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension north = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension south = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TestConfiguration
    static class TwoCalendars {

        @Bean
        @Primary
        Businesses northAndSouth() {
            return new Businesses(List.of(TestBusinesses.business("north", north.baseUrl()),
                    TestBusinesses.business("south", south.baseUrl())), true);
        }

        @Bean
        @Primary
        ServiceCatalog fixedService() {
            return new FixedServiceCatalog();
        }
    }

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @Test
    void aHangingCalendarHoldsOnlyItsOwnHostsConnections() throws Exception {
        EasyAppointmentsStubs.salonWithJaneFreeOn(north, day, "[\"09:00\"]");
        north.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(aResponse().withFixedDelay(6_000).withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        EasyAppointmentsStubs.salonWithJaneFreeOn(south, day, "[\"14:00\"]");
        List<CompletableFuture<HttpResponse<String>>> northCalls = List.of(
                CompletableFuture.supplyAsync(() -> checkAvailability("north", "n-1")),
                CompletableFuture.supplyAsync(() -> checkAvailability("north", "n-2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> north.findAll(anyRequestedFor(urlPathEqualTo(API + "/availabilities"))).size() >= 2);

        HttpResponse<String> southCall = checkAvailability("south", "s-1");

        assertThat(southCall.statusCode()).isEqualTo(200);
        assertThat(toolResult(southCall).get("slots").toString()).as(southCall.body()).isEqualTo("[\"14:00\"]");
        assertThat(south.findAll(anyRequestedFor(anyUrl()))).isNotEmpty();
        CompletableFuture.allOf(northCalls.toArray(CompletableFuture[]::new)).join();
    }

    private HttpResponse<String> checkAvailability(String business, String id) {
        return httpPost(WEBHOOK + "/" + business, VapiPayloads.toolCall(id, "check_availability", "{\"date\":\"" + day + "\"}"),
                "x-vapi-secret", TestBusinesses.secretOf(business));
    }
}
