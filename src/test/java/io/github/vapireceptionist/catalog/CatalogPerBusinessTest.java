package io.github.vapireceptionist.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two businesses, each with its own calendar and its own catalog: north books only Full colour (7) of its salon's
 * services (its BUSINESSES_FILE restriction), south everything its barber's calendar lists. list_services answers
 * each with its own; the catalog timer refreshes both, and north's calendar hanging holds up south's refresh by
 * north's refresh budget (CATALOG_REFRESH_BUDGET_MS) at most. Each business's booked service (its length, which
 * a booking's end time is) is read from its own calendar too.
 */
@TestPropertySource(properties = {"businesses.by-path=true", "catalog.refresh-budget-ms=3000",
        "easyappointments.read-timeout-ms=15000"})
@Import(CatalogPerBusinessTest.TwoCatalogs.class)
class CatalogPerBusinessTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension north = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension south = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Longer than any budget here: a calendar that has stopped answering. */
    private static final int HANGS_MS = 30_000;

    @TestConfiguration
    static class TwoCatalogs {

        @Bean
        @Primary
        Businesses northAndSouth() {
            return new Businesses(List.of(onlyService(TestBusinesses.business("north", north.baseUrl()), 7),
                    TestBusinesses.business("south", south.baseUrl())), true);
        }

        private static Business onlyService(Business business, int serviceId) {
            Business.Calendar calendar = business.calendar();
            return new Business(business.id(), business.name(), business.timezone(), business.defaultPhoneRegion(),
                    business.phone(), business.vapi(), business.webhook(), new Business.Calendar(calendar.baseUrl(),
                            calendar.apiToken(), calendar.apiUsername(), calendar.apiPassword(), serviceId,
                            calendar.providerId(), List.of(serviceId), calendar.providerIds()),
                    business.confirmations(), business.transferNumber());
        }
    }

    @DynamicPropertySource
    static void deploymentsCalendar(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", north::baseUrl);
        registry.add("easyappointments.api-token", () -> "deployment-token");
    }

    @Autowired
    StaffCatalogs catalogs;
    @Autowired
    Businesses businesses;
    @Autowired
    CamelContext camel;
    @Autowired
    ServiceCatalog serviceCatalog;

    @BeforeEach
    void aSalonAndABarber() {
        north.resetAll();
        south.resetAll();
        north.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(EasyAppointmentsStubs.salonServices())));
        north.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok(EasyAppointmentsStubs.salonProviders())));
        south.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok("[" + EasyAppointmentsStubs.service(3, "Beard trim",
                15, "12", "GBP", false) + "]")));
        south.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok("[" + EasyAppointmentsStubs.provider(5, "Tom",
                "Hardy", "Europe/London", 3) + "]")));
        catalogOf("north").forget();
        catalogOf("south").forget();
    }

    @Test
    void listServicesAnswersEachBusinessWithItsOwnServices() throws Exception {
        JsonNode northAnswer = toolResult(listServices("north"));
        JsonNode southAnswer = toolResult(listServices("south"));

        assertThat(northAnswer.get("message").asText()).isEqualTo("We offer Full colour (an hour and a half, £85, "
                + "with María López or Maria Chen).");
        assertThat(southAnswer.get("message").asText()).isEqualTo("We offer Beard trim (15 minutes, £12).");
    }

    @Test
    void northsHangingCalendarDelaysSouthsScheduledRefreshByNorthsBudgetAtMost() throws Exception {
        north.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(EasyAppointmentsStubs.salonServices())
                .withFixedDelay(HANGS_MS)));

        long started = System.nanoTime();
        runTheCatalogTimerOnce();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("north's budget (3 s) and south's refresh, not north's calendar (30 s) nor its read timeout (15 s)")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(catalogOf("south").current().fromCalendar()).isTrue();
        assertThat(catalogOf("south").current().services()).extracting(ServiceRecord::name).containsExactly("Beard trim");
        assertThat(catalogOf("north").current().fromCalendar()).as("north keeps its configured ids").isFalse();
        south.verify(anyRequestedFor(anyUrl()));
    }

    /** Without the business on the exchange it sends, north would book with the length of south's service, or neither. */
    @Test
    void eachBusinesssBookedServiceIsReadFromItsOwnCalendar() {
        north.stubFor(get(urlPathEqualTo(API + "/services/7")).willReturn(ok(EasyAppointmentsStubs.service(7, "Full colour",
                90, "85", "GBP", false))));
        south.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service())));

        assertThat(serviceCatalog.of(business("north")).current().duration()).isEqualTo(90);
        assertThat(serviceCatalog.of(business("south")).current().duration()).isEqualTo(30);
        north.verify(1, getRequestedFor(urlPathEqualTo(API + "/services/7")));
        south.verify(1, getRequestedFor(urlPathEqualTo(API + "/services/1")));
        north.verify(0, getRequestedFor(urlPathEqualTo(API + "/services/1")));
    }

    /** One tick of timer:catalog-schedule, run on this thread as the timer's own thread runs it. */
    private void runTheCatalogTimerOnce() throws Exception {
        Consumer timer = camel.getRoute("catalog-schedule").getConsumer();
        Exchange tick = timer.createExchange(false);
        timer.getProcessor().process(tick);
        assertThat(tick.getException()).isNull();
    }

    private StaffCatalog catalogOf(String businessId) {
        return catalogs.of(business(businessId));
    }

    private Business business(String id) {
        return businesses.byId(id).orElseThrow();
    }

    private HttpResponse<String> listServices(String business) {
        return httpPost(WEBHOOK + "/" + business, VapiPayloads.toolCall("ls-" + business, "list_services", "{}"),
                "x-vapi-secret", TestBusinesses.secretOf(business));
    }
}
