package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** RATE_LIMIT_REQUESTS failures per RATE_LIMIT_PERIOD per client: then 429 with Retry-After, until the period refills. */
class FailedAuthenticationsTest {

    private static final WebhookReplies REPLIES = new WebhookReplies(new ObjectMapper(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

    @Test
    void theBudgetIsPerClientAndRetryAfterNamesTheRestOfThePeriod() {
        FailedAuthentications failures = new FailedAuthentications(new RateLimitProperties(2, 3600), REPLIES);

        assertThat(failures.recordFailure("203.0.113.1")).isEmpty();
        assertThat(failures.recordFailure("203.0.113.1")).isEmpty();
        OptionalLong retryAfter = failures.recordFailure("203.0.113.1");

        assertThat(retryAfter).isPresent();
        assertThat(retryAfter.getAsLong()).isBetween(1L, 3600L);
        assertThat(failures.recordFailure("203.0.113.2")).as("another client").isEmpty();
    }

    @Test
    void exhaustedOnlyLooksAndNeverCounts() {
        FailedAuthentications failures = new FailedAuthentications(new RateLimitProperties(2, 3600), REPLIES);

        assertThat(failures.exhausted("203.0.113.4")).as("never failed").isEmpty();
        failures.recordFailure("203.0.113.4");
        for (int i = 0; i < 10; i++) {
            assertThat(failures.exhausted("203.0.113.4")).isEmpty();
        }
        assertThat(failures.recordFailure("203.0.113.4")).as("the second failure is still within the budget").isEmpty();
        OptionalLong exhausted = failures.exhausted("203.0.113.4");
        assertThat(exhausted).isPresent();
        assertThat(exhausted.getAsLong()).isBetween(1L, 3600L);
    }

    @Test
    void theBudgetRefillsWhenThePeriodEnds() {
        FailedAuthentications failures = new FailedAuthentications(new RateLimitProperties(1, 1), REPLIES);
        failures.recordFailure("203.0.113.3");

        assertThat(failures.recordFailure("203.0.113.3")).hasValue(1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> failures.recordFailure("203.0.113.3").isEmpty());
    }

    @Test
    void refuseAnswers401ThenA429WithRetryAfter() {
        FailedAuthentications failures = new FailedAuthentications(new RateLimitProperties(1, 3600), REPLIES);
        DefaultCamelContext camel = new DefaultCamelContext();

        Exchange first = new DefaultExchange(camel);
        String unauthorized = failures.refuse(first);
        Exchange second = new DefaultExchange(camel);
        String limited = failures.refuse(second);

        assertThat(unauthorized).isEqualTo("{\"error\":\"unauthorized\"}");
        assertThat(first.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(limited).isEqualTo("{\"error\":\"too many requests\"}");
        assertThat(second.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(429);
        assertThat(second.getMessage().getHeader("Retry-After", Long.class)).isBetween(1L, 3600L);
    }
}
