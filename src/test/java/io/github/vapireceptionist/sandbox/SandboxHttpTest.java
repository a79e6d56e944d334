package io.github.vapireceptionist.sandbox;

import static io.github.vapireceptionist.sandbox.SandboxCredentialsTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sandbox as the app's calendar client meets it: the whole application on a real port, plain
 * HTTP calls, several of them at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "easyappointments.base-url=",
        // this test is about the sandbox's HTTP surface, not the flows
        "camel.main.routes-include-pattern=classpath:sandbox-http-test-loads-no-routes/*.camel.yaml"})
class SandboxHttpTest {

    static final String CUSTOMER = """
            {"firstName":"Jane","lastName":"Smith","email":"jane@example.com","phone":"+447700900001"}""";

    @LocalServerPort
    int port;

    @Autowired
    SandboxCalendar calendar;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final ExecutorService callers = Executors.newFixedThreadPool(8);

    @BeforeEach
    void emptyCalendar() {
        calendar.reset();
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + SandboxApiController.API_PATH + path))
                .header("Authorization", basic("sandbox:sandbox"));
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String body) throws Exception {
        return send(api(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void theAppServesTheSandboxOnItsOwnPortWithTheDefaultCredentials() throws Exception {
        HttpResponse<String> service = send(api("/services/1").GET().build());

        assertThat(service.statusCode()).isEqualTo(200);
        assertThat(service.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(service.body()).isEqualTo("{\"id\":1,\"name\":\"Service\",\"duration\":30,\"price\":0,"
                + "\"currency\":\"\",\"description\":null,\"location\":null,\"availabilitiesType\":\"flexible\","
                + "\"attendantsNumber\":1,\"isPrivate\":false,\"serviceCategoryId\":null}");

        HttpResponse<String> hours = send(api("/availabilities?providerId=2&serviceId=1").GET().build());
        assertThat(hours.statusCode()).isEqualTo(200);
        assertThat(json.readTree(hours.body()).isArray()).isTrue();
    }

    @Test
    void aCallWithoutCredentialsGetsEasHtml401() throws Exception {
        HttpResponse<String> denied = send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + SandboxApiController.API_PATH + "/appointments")).GET().build());

        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(denied.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Easy!Appointments\"");
        assertThat(denied.body()).isEqualTo("You are not authorized to use the API.");
    }

    @Test
    void aMissingRecordIsAnEmptyHtml404AndADeleteAnEmpty204() throws Exception {
        HttpResponse<String> missing = send(api("/customers/42").GET().build());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));

        assertThat(postJson("/customers", CUSTOMER).statusCode()).isEqualTo(201);
        HttpResponse<String> deleted = send(api("/customers/3").DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(send(api("/customers/3").DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void eightSimultaneousBookingsOfOneSlotAllSucceedBecauseEaDoesNotCheckConflicts() throws Exception {
        assertThat(postJson("/customers", CUSTOMER).statusCode()).isEqualTo(201);
        String booking = "{\"customerId\":3,\"providerId\":2,\"serviceId\":1,\"start\":\"2030-01-07 10:00:00\"}";

        List<HttpResponse<String>> answers = simultaneously(8, () -> postJson("/appointments", booking));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(201));
        List<Integer> ids = new ArrayList<>();
        for (HttpResponse<String> answer : answers) {
            ids.add(json.readTree(answer.body()).get("id").asInt());
        }
        assertThat(ids).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        JsonNode listed = json.readTree(send(api("/appointments?date=2030-01-07&length=100").GET().build()).body());
        assertThat(listed.size()).isEqualTo(8);
    }

    @Test
    void eightSimultaneousCreatesOfOneCustomerLetExactlyOneWin() throws Exception {
        List<HttpResponse<String>> answers = simultaneously(8, () -> postJson("/customers", CUSTOMER));

        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 500).hasSize(7)
                .allSatisfy(answer -> assertThat(answer.body()).isEqualTo("{\"success\":false,\"message\":"
                        + "\"The provided email address is already in use, please use a different one.\"}"));
        assertThat(json.readTree(send(api("/customers?q=jane%40example.com&sort=id").GET().build()).body()).size())
                .isEqualTo(1);
    }

    private <T> List<T> simultaneously(int count, java.util.concurrent.Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(callers.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> result : pending) {
            results.add(result.get());
        }
        return results;
    }
}
