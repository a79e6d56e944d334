package io.github.vapireceptionist.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.Application;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/**
 * Stopping the app (a redeploy, a scale-down) while a caller waits: readiness turns to refusing traffic
 * first, and the webhook already in flight still gets its answer. Its own app, since it is stopped.
 */
class GracefulShutdownTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final int CALENDAR_DELAY_MS = 2_000;

    @Test
    void aWebhookInFlightIsAnsweredAndReadinessTurnsDownFirst() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities"))
                .willReturn(ok("[\"10:00\"]").withFixedDelay(CALENDAR_DELAY_MS)));
        int port = TestSocketUtils.findAvailableTcpPort();
        List<Object> events = new CopyOnWriteArrayList<>();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
                .listeners((ApplicationListener<AvailabilityChangeEvent<?>>) event -> events.add(event.getState()))
                .run("--server.port=" + port, "--webhook.secret=" + AppTest.SECRET,
                        "--easyappointments.base-url=" + calendar.baseUrl(), "--easyappointments.api-token=t",
                        "--easyappointments.read-timeout-ms=5000", "--resilience.budget.check-availability-ms=5000");
        HttpClient http = HttpClient.newHttpClient();
        String day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(3).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/vapi"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("x-vapi-secret", AppTest.SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(
                        VapiPayloads.toolCall("tc-in-flight", "check_availability", "{\"date\":\"" + day + "\"}")))
                .build();

        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        inFlight.thenRun(() -> events.add("answered"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> calendar.verify(1, getRequestedFor(urlPathEqualTo(API + "/availabilities"))));
        // Tomcat stops accepting connections at once; requests already in flight are waited for
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(app::close);

        HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
        stopped.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(answer.body()).at("/results/0/result").asText()).contains("10:00");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("answered"));
        assertThat(events).as("readiness, then the answer, in order").containsSubsequence(
                ReadinessState.ACCEPTING_TRAFFIC, ReadinessState.REFUSING_TRAFFIC, "answered");
    }
}
