package io.github.vapireceptionist.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.notFound;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The admin API against a stand-in answering exactly as easyappointments-api-v1.md says Easy!Appointments 1.5.2 does. */
@TestPropertySource(properties = {"easyappointments.api-token=ea-test-token", "admin.api-token=" + AdminApiContractTest.TOKEN})
class AdminApiContractTest extends AppTest {

    static final String TOKEN = "admin-contract-token-0123456789-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    @Qualifier("calendarCircuitBreaker")
    CircuitBreaker calendarBreaker;

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
    }

    /** Zoe is customer 57; the substring search also finds xzoe@ (58), who is somebody else. */
    @BeforeEach
    void zoeWithTwoAppointments() {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers"))
                .willReturn(ok("[" + customer(58, "xzoe@example.com") + "," + customer(57, "Zoe@Example.com") + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers/57")).willReturn(ok(customer(57, "Zoe@Example.com"))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(41, 57) + "," + appointment(44, 57) + "]")));
        calendar.stubFor(delete(urlPathEqualTo(API + "/customers/57")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void exportAsksTheContractsQuestionsAndAnswersWithTheWholeRecord() throws Exception {
        HttpResponse<String> response = admin("GET", "/api/admin/customers/export?email=zoe%40example.com");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode export = JSON.readTree(response.body());
        assertThat(export.get("customers")).hasSize(1);
        assertThat(export.at("/customers/0/id").asInt()).isEqualTo(57);
        assertThat(export.at("/customers/0/address").asText()).isEqualTo("1 Analytical Row");
        assertThat(export.at("/customers/0/customField1").asText()).isEqualTo("prefers mornings");
        assertThat(export.get("appointments").findValuesAsText("id")).containsExactly("41", "44");
        assertThat(export.at("/appointments/0/location").asText()).isEqualTo("Room 2");
        assertThat(response.body()).doesNotContain("xzoe").doesNotContain("secret-hash");
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("zoe@example.com"))
                .withQueryParam("sort", equalTo("id")).withQueryParam("page", equalTo("1")).withQueryParam("length", equalTo("100"))
                .withHeader("Authorization", equalTo("Bearer ea-test-token")));
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .withQueryParam("sort", equalTo("id")).withQueryParam("page", equalTo("1")).withQueryParam("length", equalTo("100")));
        calendar.verify(0, getRequestedFor(urlPathEqualTo(API + "/customers/58")));
        calendar.verify(0, anyRequestedFor(anyUrl()).withHeader("Authorization", matching(".*" + TOKEN + ".*")));
    }

    @Test
    void anAppointmentOfSomeoneElseIsNeverExportedEvenIfTheCalendarIgnoresTheFilter() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(40, 99) + "," + appointment(41, 57) + "]")));

        JsonNode export = JSON.readTree(admin("GET", "/api/admin/customers/export?email=zoe%40example.com").body());

        assertThat(export.get("appointments").findValuesAsText("id")).containsExactly("41");
    }

    @Test
    void customersAndAppointmentsArePagedThroughToTheEnd() throws Exception {
        String strangers = IntStream.range(0, 100).mapToObj(i -> customer(100 + i, "zoe@example.com.other" + i))
                .collect(Collectors.joining(",", "[", "]"));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("page", equalTo("1")).willReturn(ok(strangers)));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("page", equalTo("2"))
                .willReturn(ok("[" + customer(57, "zoe@example.com") + "]")));
        String fullPage = IntStream.range(0, 100).mapToObj(i -> appointment(1000 + i, 57)).collect(Collectors.joining(",", "[", "]"));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("page", equalTo("1")).willReturn(ok(fullPage)));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("page", equalTo("2"))
                .willReturn(ok("[" + appointment(2000, 57) + "]")));

        JsonNode export = JSON.readTree(admin("GET", "/api/admin/customers/export?email=zoe%40example.com").body());

        assertThat(export.get("customers").findValuesAsText("id")).containsExactly("57");
        assertThat(export.get("appointments")).hasSize(101);
    }

    @Test
    void eraseDeletesTheCustomerAndLetsTheCalendarDeleteTheirAppointments() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).inScenario("erase").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("[" + appointment(41, 57) + "," + appointment(44, 57) + "]")));
        calendar.stubFor(delete(urlPathEqualTo(API + "/customers/57")).inScenario("erase").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(204)).willSetStateTo("deleted"));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).inScenario("erase").whenScenarioStateIs("deleted")
                .willReturn(ok("[]")));

        HttpResponse<String> response = admin("DELETE", "/api/admin/customers?email=zoe%40example.com");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("erased").toString())
                .isEqualTo("{\"customers\":1,\"appointments\":2,\"rememberedAnswers\":0}");
        calendar.verify(deleteRequestedFor(urlPathEqualTo(API + "/customers/57")).withHeader("Authorization", equalTo("Bearer ea-test-token")));
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/customers/58")));
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
    }

    @Test
    void appointmentsACalendarKeptAfterTheCustomerWentAreDeletedOneByOne() throws Exception {
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(aResponse().withStatus(204)));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/44")).willReturn(notFound()));

        HttpResponse<String> response = admin("DELETE", "/api/admin/customers?email=zoe%40example.com");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        calendar.verify(deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
        calendar.verify(deleteRequestedFor(urlPathEqualTo(API + "/appointments/44")));
    }

    @Test
    void aCustomerAlreadyGoneIsNothingLeftNotAFailure() throws Exception {
        calendar.stubFor(delete(urlPathEqualTo(API + "/customers/57")).willReturn(notFound()));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).willReturn(ok("[]")));

        HttpResponse<String> response = admin("DELETE", "/api/admin/customers?email=zoe%40example.com");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("erased").get("customers").asInt()).isZero();
    }

    @Test
    void aCalendarThatFailsIs503WithAJsonErrorAndAnAuditLine() throws Exception {
        List<Runnable> outages = List.of(
                () -> calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(failure("SQLSTATE[HY000] [2002] Connection refused"))),
                () -> calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(unauthorized())),
                () -> calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("<html>maintenance</html>"))),
                () -> calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))),
                () -> calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))),
                () -> calendar.stubFor(delete(urlPathEqualTo(API + "/customers/57")).willReturn(failure("Deadlock found"))));
        for (Runnable outage : outages) {
            circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
            calendar.resetAll();
            zoeWithTwoAppointments();
            outage.run();
            try (LogCapture log = LogCapture.start()) {
                for (String method : List.of("GET", "DELETE")) {
                    String path = method.equals("GET") ? "/api/admin/customers/export" : "/api/admin/customers";
                    HttpResponse<String> response = admin(method, path + "?email=zoe%40example.com");

                    if (method.equals("GET") && response.statusCode() == 200) {
                        continue; // the outage is in a call only the erasure makes
                    }
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(AdminReplies.CALENDAR_UNAVAILABLE);
                    assertThat(response.body()).doesNotContain("SQLSTATE").doesNotContain("Exception").doesNotContain("at io.");
                }
                assertThat(log.text()).contains("outcome=calendar_unavailable email=z***@example.com").doesNotContain("zoe@example.com");
            }
        }
    }

    @Test
    void whileTheCalendarsBreakerIsOpenItIs503AtOnceAndTheCalendarIsLeftAlone() throws Exception {
        calendarBreaker.transitionToOpenState();

        for (String method : List.of("GET", "DELETE")) {
            HttpResponse<String> response = admin(method, (method.equals("GET") ? "/api/admin/customers/export" : "/api/admin/customers")
                    + "?email=zoe%40example.com");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(AdminReplies.CALENDAR_UNAVAILABLE);
        }
        calendar.verify(0, anyRequestedFor(anyUrl()));
    }

    private HttpResponse<String> admin(String method, String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String customer(int id, String email) {
        return "{\"id\":" + id + ",\"firstName\":\"Zoë\",\"lastName\":\"Ng\",\"email\":\"" + email + "\",\"phone\":\"+447123456789\","
                + "\"address\":\"1 Analytical Row\",\"city\":\"London\",\"zip\":\"N1 1AA\",\"timezone\":\"UTC\",\"language\":\"english\","
                + "\"notes\":null,\"customField1\":\"prefers mornings\",\"customField2\":null,\"customField3\":null,"
                + "\"customField4\":null,\"customField5\":null,\"ldapDn\":null}";
    }

    private static String appointment(int id, int customerId) {
        return "{\"id\":" + id + ",\"book\":\"2026-11-20 09:00:00\",\"start\":\"2026-12-01 10:00:00\",\"end\":\"2026-12-01 10:30:00\","
                + "\"hash\":\"secret-hash\",\"color\":\"#7cbae8\",\"status\":\"Booked\",\"location\":\"Room 2\",\"notes\":null,"
                + "\"customerId\":" + customerId + ",\"providerId\":2,\"serviceId\":1,\"googleCalendarId\":null,\"caldavCalendarId\":null}";
    }
}
