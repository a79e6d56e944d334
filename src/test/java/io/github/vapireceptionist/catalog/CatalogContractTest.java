package io.github.vapireceptionist.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.PROVIDER_SECRET;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.PROVIDER_TOKEN;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.provider;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.service;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** list_services and the catalog behind it against a stand-in answering /services and /providers as 1.5.2 does. */
@TestPropertySource(properties = "easyappointments.api-token=ea-test-token")
class CatalogContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVICES = "[" + service(1, "Service", 30, "0", "", false) + ","
            + service(7, "Full colour", 90, "85", "GBP", false) + "," + service(8, "Staff training", 60, "0", "", true) + "]";
    static final String PROVIDERS = "[" + provider(2, "Jane", "Doe", "UTC", 1) + ","
            + provider(32, "María", "López", "Europe/London", 1, 7, 8) + "]";

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", () -> calendar.baseUrl() + "/");
    }

    @Autowired
    StaffCatalog staffCatalog;

    @Autowired
    ProducerTemplate camel;

    @BeforeEach
    void salon() {
        staffCatalog.forget();
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(SERVICES)));
        calendar.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok(PROVIDERS)));
    }

    @Test
    void listsThePublicServicesWithWhoOffersThemReadOnceAndKept() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            JsonNode first = listServices();
            JsonNode second = listServices();

            assertThat(first.get("message").asText()).isEqualTo("We offer Service (30 minutes, with Jane or María) "
                    + "and Full colour (an hour and a half, £85, with María).");
            assertThat(first.get("services").get(1).toString()).isEqualTo("{\"name\":\"Full colour\",\"duration_minutes\":90,"
                    + "\"price\":85,\"currency\":\"GBP\",\"providers\":[\"María López\"]}");
            assertThat(second).isEqualTo(first);
            assertThat(logs.text()).contains("catalog_refreshed service_ids=[1, 7] provider_ids=[2, 32]")
                    .doesNotContain(PROVIDER_SECRET).doesNotContain(PROVIDER_TOKEN);
        }
        calendar.verify(1, getRequestedFor(urlPathEqualTo(API + "/services"))
                .withQueryParam("page", equalTo("1")).withQueryParam("length", equalTo("100"))
                .withHeader("Authorization", equalTo("Bearer ea-test-token")));
        calendar.verify(1, getRequestedFor(urlPathEqualTo(API + "/providers"))
                .withQueryParam("page", equalTo("1")).withQueryParam("length", equalTo("100")));
    }

    @Test
    void aRefreshReadsTheCatalogAgain() throws Exception {
        listServices();
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok("[" + service(1, "Service", 30, "0", "", false)
                + "," + service(9, "Beard trim", 15, "12.50", "GBP", false) + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok("[" + provider(2, "Jane", "Doe", "UTC", 1, 9) + "]")));

        camel.sendBody("direct:refresh-catalog", null);

        assertThat(listServices().get("message").asText())
                .isEqualTo("We offer Service (30 minutes) and Beard trim (15 minutes, £12.50).");
    }

    @Test
    void readsEveryPageOfALongList() throws Exception {
        String hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> service(i, "Service " + i, 30, "0", "", false))
                .collect(Collectors.joining(",", "[", "]"));
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).withQueryParam("page", equalTo("1")).willReturn(ok(hundred)));
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).withQueryParam("page", equalTo("2"))
                .willReturn(ok("[" + service(101, "Full colour", 90, "85", "GBP", false) + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok("[" + provider(2, "Jane", "Doe", "UTC", 101) + "]")));

        assertThat(listServices().get("message").asText()).isEqualTo("We offer Full colour (an hour and a half, £85).");
        calendar.verify(2, getRequestedFor(urlPathEqualTo(API + "/services")));
    }

    @Test
    void aCalendarWhoseCatalogCannotBeReadIsSaidHonestlyAndKeepsWhatItHad() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(failure("Call to a member function on null")));
        assertThat(onlyError(webhook(VapiPayloads.toolCall("ls", "list_services", "{}"))))
                .startsWith("I can't read our list of services just now.");

        staffCatalog.forget();
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(SERVICES)));
        listServices();
        calendar.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(unauthorized()));
        camel.sendBody("direct:refresh-catalog", null);
        assertThat(listServices().get("services")).as("the last catalog read stays").hasSize(2);
    }

    @Test
    void aProvidersAnswerThatCannotBeReadIsNotLoggedForItHoldsSecrets() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/providers"))
                .willReturn(ok("[" + provider(2, "Jane", "Doe", "UTC", 1) + ",{\"id\":\"not a number\"")));
        try (LogCapture logs = LogCapture.start()) {
            assertThat(onlyError(webhook(VapiPayloads.toolCall("ls", "list_services", "{}"))))
                    .startsWith("I can't read our list of services just now.");
            assertThat(logs.text()).contains("Calendar answered providers with unreadable JSON")
                    .contains("catalog_unreachable").doesNotContain(PROVIDER_SECRET).doesNotContain(PROVIDER_TOKEN);
        }
    }

    @Test
    void callsArrivingWhileTheCatalogIsReadWaitForThatReadInsteadOfReadingItAgain() throws Exception {
        // the first read takes a while: the other callers arrive during it
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(SERVICES).withFixedDelay(1_000)));

        List<CompletableFuture<String>> callers = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> webhook(VapiPayloads.toolCall("ls-" + i, "list_services", "{}")).body()))
                .toList();

        for (CompletableFuture<String> caller : callers) {
            String body = caller.get(10, TimeUnit.SECONDS);
            JsonNode result = JSON.readTree(JSON.readTree(body).at("/results/0/result").asText());
            assertThat(result.path("message").asText()).as("every caller hears the catalog read, none the configured ids: %s", body)
                    .contains("Full colour (an hour and a half, £85, with María)");
        }
        calendar.verify(1, getRequestedFor(urlPathEqualTo(API + "/services")));
        calendar.verify(1, getRequestedFor(urlPathEqualTo(API + "/providers")));
    }

    private JsonNode listServices() throws Exception {
        HttpResponse<String> response = webhook(VapiPayloads.toolCall("ls", "list_services", "{}"));
        JsonNode result = JSON.readTree(response.body()).get("results").get(0);
        assertThat(result.has("result")).as(response.body()).isTrue();
        return JSON.readTree(result.get("result").asText());
    }

    private static String onlyError(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("results").get(0).get("error").asText();
    }
}
