package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.RawHttp;
import io.github.vapireceptionist.support.RawHttp.Response;
import io.github.vapireceptionist.support.VapiPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Who the client is, over real sockets: 127.0.0.2 plays the one trusted reverse proxy, every other
 * loopback address a client that connects directly. X-Forwarded-For and X-Forwarded-Proto count
 * only from the proxy; the failed-authentication limit (3 here) and the allowlist apply to that
 * client address, and authenticated requests are never limited.
 */
@TestPropertySource(properties = {
        "network.trusted-proxies=127.0.0.2/32",
        "webhook.allowed-ips=127.0.0.1/32, 203.0.113.0/24",
        "rate-limit.requests=3",
        "rate-limit.period=3600"})
class ClientAddressSecurityTest extends AppTest {

    private static final String PROXY = "127.0.0.2";
    private static final String DIRECT = "127.0.0.1";
    private static final String STATUS = VapiPayloads.notification("status-update");

    @Value("${local.server.port}")
    private int port;

    private Response post(String from, String... headers) {
        return RawHttp.request(from, port, "POST", WEBHOOK, STATUS, headers);
    }

    private Response wrongSecret(String from, String forwardedFor) {
        return post(from, "x-vapi-secret", "wrong", "X-Forwarded-For", forwardedFor);
    }

    @Test
    void aClientThatKeepsFailingGets429WithRetryAfterButItsAuthenticatedCallsStillRun() {
        for (int i = 0; i < 3; i++) {
            assertThat(wrongSecret(PROXY, "203.0.113.10").status()).isEqualTo(401);
        }
        Response limited = wrongSecret(PROXY, "203.0.113.10");
        Response authenticated = post(PROXY, "x-vapi-secret", SECRET, "X-Forwarded-For", "203.0.113.10");
        Response neighbour = wrongSecret(PROXY, "203.0.113.11");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"error\":\"too many requests\"}");
        assertThat(limited.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(limited.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3600));
        assertThat(authenticated.status()).isEqualTo(200);
        assertThat(authenticated.body()).isEqualTo("{}");
        assertThat(neighbour.status()).as("another client behind the same proxy").isEqualTo(401);
    }

    @Test
    void onceOverTheLimitAClientWithoutCredentialsIsRefusedWithoutWaitingForItsBody() {
        for (int i = 0; i < 3; i++) {
            assertThat(wrongSecret(PROXY, "203.0.113.80").status()).isEqualTo(401);
        }

        Response limited = RawHttp.promiseABody(PROXY, port, WEBHOOK, 1_000_000, "x-vapi-secret", "wrong",
                "X-Forwarded-For", "203.0.113.80");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"error\":\"too many requests\"}");
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(post(PROXY, "x-vapi-secret", SECRET, "X-Forwarded-For", "203.0.113.80").status())
                .as("the right secret still goes through").isEqualTo(200);
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        for (int i = 0; i < 3; i++) {
            assertThat(wrongSecret(DIRECT, "203.0.113.2" + i).status()).isEqualTo(401);
        }
        Response spoofed = wrongSecret(DIRECT, "203.0.113.29");
        Response notAllowedButIgnored = post(DIRECT, "x-vapi-secret", SECRET, "X-Forwarded-For", "198.51.100.7");

        assertThat(spoofed.status()).as("all counted against 127.0.0.1").isEqualTo(429);
        assertThat(notAllowedButIgnored.status()).as("the allowlist judges 127.0.0.1, not the header").isEqualTo(200);
    }

    @Test
    void theAllowlistRefusesOtherSourcesWith403BeforeAuthentication() {
        Response direct = post("127.0.0.3", "x-vapi-secret", SECRET);
        Response forwarded = post(PROXY, "x-vapi-secret", SECRET, "X-Forwarded-For", "198.51.100.7");
        Response proxyItself = post(PROXY, "x-vapi-secret", SECRET);
        Response allowed = post(PROXY, "x-vapi-secret", SECRET, "X-Forwarded-For", "203.0.113.50");

        for (Response refused : new Response[] {direct, forwarded, proxyItself}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo("{\"error\":\"forbidden\"}");
        }
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(RawHttp.request("127.0.0.3", port, "GET", "/health", null).status()).as("health is not restricted").isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/webhooks/vapi;x=1", "/api/webhooks/vapi/", "//api/webhooks/vapi", "/api/webhooks/./vapi",
            "/api/webhooks/x/../vapi", "/api/webhooks/%76api", "/API/webhooks/vapi"})
    void noSpellingOfThePathGetsPastTheAllowlist(String path) {
        Response response = RawHttp.request("127.0.0.3", port, "POST", path, STATUS, "x-vapi-secret", SECRET);

        assertThat(response.status()).as(response.body()).isIn(400, 403, 404);
    }

    @Test
    void theForwardedChainIsReadFromTheRightSoAForgedLeftEntryDoesNotCount() {
        Response allowed = post(PROXY, "x-vapi-secret", SECRET, "X-Forwarded-For", "198.51.100.66, 203.0.113.60");
        Response refused = post(PROXY, "x-vapi-secret", SECRET, "X-Forwarded-For", "203.0.113.61, 198.51.100.67");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void hstsOnlyWhenTheTrustedProxySaysHttps() {
        Response viaProxy = RawHttp.request(PROXY, port, "GET", "/health", null,
                "X-Forwarded-For", "203.0.113.70", "X-Forwarded-Proto", "https");
        Response plainViaProxy = RawHttp.request(PROXY, port, "GET", "/health", null, "X-Forwarded-For", "203.0.113.70");
        Response spoofed = RawHttp.request(DIRECT, port, "GET", "/health", null, "X-Forwarded-Proto", "https");

        assertThat(viaProxy.header("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        assertThat(plainViaProxy.header("Strict-Transport-Security")).isEmpty();
        assertThat(spoofed.header("Strict-Transport-Security")).isEmpty();
    }
}
