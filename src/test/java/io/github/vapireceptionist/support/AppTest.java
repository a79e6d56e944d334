package io.github.vapireceptionist.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The whole app on a real port, driven over HTTP as Vapi drives it. A defined port (not port 0)
 * because the sandbox calendar's URL is built from server.port before the server starts. Every
 * test class sharing a context sends from 127.0.0.1, so the failed-authentication limit is set out
 * of reach here (tests of bad credentials must not depend on how many ran before them);
 * ClientAddressSecurityTest sets its own. The availability cache is off here for the same reason (a day one
 * test read would answer the next test's stub); its own tests (AvailabilityCacheContractTest, the
 * conversation's call count) turn it on. The catalog's scheduled refresh is set out of reach too (a day): a
 * context cached for longer than its period would otherwise call the calendar in the middle of a test counting
 * calendar calls; the tests refresh it themselves (direct:refresh-catalog, or a call that needs it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"webhook.secret=" + AppTest.SECRET, "rate-limit.requests=1000000",
            "availability-cache.seconds=0", "availability-cache.stale-seconds=0", "catalog.refresh-minutes=1440"})
public abstract class AppTest {

    public static final String SECRET = "test-secret-0123456789-0123456789-abcdef";
    protected static final String WEBHOOK = "/api/webhooks/vapi";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    /** Contexts are shared between test classes: failures provoked by one test never open a breaker for the next. */
    @BeforeEach
    void closeCircuitBreakers() {
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    /** Called once per application context: each cached context keeps its own port. */
    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        int port = TestSocketUtils.findAvailableTcpPort();
        registry.add("server.port", () -> port);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** POSTs a JSON body to the webhook with the right secret. */
    protected HttpResponse<String> webhook(String body) {
        return httpPost(WEBHOOK, body, "x-vapi-secret", SECRET);
    }

    protected HttpResponse<String> httpPost(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    protected HttpResponse<String> httpGet(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first tool call's answer in a tool-calls answer: its result object, or {"error": its sentence}. */
    protected static JsonNode toolAnswer(HttpResponse<String> response) {
        try {
            JsonNode call = JSON.readTree(response.body()).at("/results/0");
            return call.has("result") ? JSON.readTree(call.get("result").asText())
                    : JSON.createObjectNode().put("error", call.path("error").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result object of the first tool call in a tool-calls answer; fails the test when it is an error. */
    protected static JsonNode toolResult(HttpResponse<String> response) throws IOException {
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        if (!call.has("result")) {
            throw new AssertionError("expected a result: " + response.body());
        }
        return JSON.readTree(call.get("result").asText());
    }

    /** The error sentence of the first tool call in a tool-calls answer; fails the test when it is a result. */
    protected static String toolError(HttpResponse<String> response) throws IOException {
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        if (!call.has("error")) {
            throw new AssertionError("expected an error: " + response.body());
        }
        return call.get("error").asText();
    }
}
