package io.github.vapireceptionist.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.RedisServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A GDPR erasure while Redis is down: the calendar part is done, but what Redis remembers cannot be forgotten,
 * so the operator hears a 503 saying so (JSON, no stack trace), never a 200 "erased"; this instance's memory is
 * forgotten all the same.
 */
@TestPropertySource(properties = {"easyappointments.api-token=ea-test-token", "admin.api-token=" + AdminErasureWithRedisDownTest.TOKEN})
@DirtiesContext
class AdminErasureWithRedisDownTest extends AppTest {

    static final String TOKEN = "admin-redis-token-0123456789-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RedisServer redis;

    @Autowired
    private BookingReplays replays;

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void calendarAndRedis(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
        registry.add("shared-store.redis-url", redis::url);
        registry.add("easyappointments.base-url", calendar::baseUrl);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void anErasureRedisCannotCompleteIsA503TheOperatorSeesAndSucceedsWhenRepeated() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).willReturn(ok("[]")));
        calendar.stubFor(delete(urlPathEqualTo(API + "/customers/57")).willReturn(aResponse().withStatus(204)));

        redis.stop();
        replays.remember("call-1", "zoe@example.com", ToolAnswer.success("booked"));
        replays.rememberCancellation(41, 57, "Zoe@Example.com", ToolAnswer.success("cancelled"));
        try (LogCapture log = LogCapture.start()) {
            HttpResponse<String> response = erase();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(AdminReplies.STORE_UNAVAILABLE);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("127.0.0.1");
            assertThat(log.text()).contains("outcome=store_unavailable email=z***@example.com").doesNotContain("zoe@example.com");
        }
        assertThat(replays.find("call-1")).as("forgotten in this instance's memory all the same").isEmpty();
        assertThat(replays.cancellation(41)).as("both kinds").isEmpty();

        redis.startAgain();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(erase().statusCode()).as("repeated once the instance has reconnected").isEqualTo(200));
    }

    private HttpResponse<String> erase() {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/admin/customers?email=zoe%40example.com"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN).DELETE().build());
    }
}
