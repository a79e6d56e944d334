package io.github.vapireceptionist.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.CalendarSlowException;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.ToolCall;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.webhook.ToolOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The tool-call route with two businesses and at most 2 tool calls of one business at once: the function
 * (check_availability) is woven out for a step that can be held, so calls stay in progress as long as a test wants.
 * A call beyond a business's share is answered with the slow calendar's sentence through the route's own error
 * handling, without running the function; the other business keeps its own share.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(properties = {"webhook.secret=route-test-secret", "resilience.concurrent-tool-calls-per-business=2"})
@Import(BusinessBulkheadTest.TwoBusinesses.class)
class BusinessBulkheadTest {

    static final Business NORTH = TestBusinesses.business("north", "http://north.invalid");
    static final Business SOUTH = TestBusinesses.business("south", "http://south.invalid");

    @TestConfiguration
    static class TwoBusinesses {

        @Bean
        @Primary
        Businesses twoBusinesses() {
            return new Businesses(List.of(NORTH, SOUTH), true);
        }
    }

    /** What the function does with the next tool call (static: the woven step outlives a test instance). */
    private static volatile Processor function;
    private static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    BusinessBulkhead bulkhead;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void weaveOutTheFunction() throws Exception {
        runs.clear();
        function = exchange -> exchange.getMessage().setBody("free at ten");
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camel, "tool-call", route -> route.weaveByToUri("direct:check-availability").replace()
                .process(exchange -> {
                    runs.computeIfAbsent(businessOf(exchange), id -> new AtomicInteger()).incrementAndGet();
                    function.process(exchange);
                }));
        camel.start();
    }

    private static String businessOf(Exchange exchange) {
        return exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class).id();
    }

    private ToolOutcome checkAvailability(Business business) {
        ToolCall call = new ToolCall("call_" + business.id(), "check_availability",
                JsonNodeFactory.instance.objectNode().put("date", "2030-01-07"), true, CallContext.UNKNOWN);
        Exchange done = producer.send("direct:tool-call", exchange -> {
            exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
            exchange.getMessage().setBody(call);
        });
        return done.getMessage().getBody(ToolOutcome.class);
    }

    private CompletableFuture<ToolOutcome> inBackground(Business business) {
        return CompletableFuture.supplyAsync(() -> checkAvailability(business));
    }

    private int freePlacesOf(Business business) {
        return bulkhead.bulkheadOf(business).getMetrics().getAvailableConcurrentCalls();
    }

    private int runsOf(Business business) {
        AtomicInteger count = runs.get(business.id());
        return count == null ? 0 : count.get();
    }

    @Test
    void aThirdCallOfABusinessHearsTheCalendarIsSlowWithoutRunningAndTheOtherBusinessKeepsItsShare() throws Exception {
        CountDownLatch northHangs = new CountDownLatch(1);
        CountDownLatch southHangs = new CountDownLatch(1);
        function = exchange -> {
            ("north".equals(businessOf(exchange)) ? northHangs : southHangs).await(10, TimeUnit.SECONDS);
            exchange.getMessage().setBody("free at ten");
        };
        double refusedBefore = refused("north");
        long unavailableBefore = unavailableAnswers();
        List<CompletableFuture<ToolOutcome>> north = List.of(inBackground(NORTH), inBackground(NORTH));
        await().atMost(Duration.ofSeconds(10)).until(() -> freePlacesOf(NORTH) == 0);

        ToolOutcome third = checkAvailability(NORTH);

        assertThat(third.answer().failed()).isTrue();
        assertThat(third.answer().error()).isEqualTo(CalendarSlowException.SENTENCE);
        assertThat(runsOf(NORTH)).as("the third call's function never ran").isEqualTo(2);
        assertThat(refused("north")).isEqualTo(refusedBefore + 1);
        assertThat(unavailableAnswers()).isEqualTo(unavailableBefore + 1);

        List<CompletableFuture<ToolOutcome>> south = List.of(inBackground(SOUTH), inBackground(SOUTH));
        await().atMost(Duration.ofSeconds(10)).until(() -> runsOf(SOUTH) == 2);
        assertThat(freePlacesOf(SOUTH)).as("south's own two places, north's full").isZero();
        assertThat(freePlacesOf(NORTH)).isZero();

        northHangs.countDown();
        southHangs.countDown();
        for (CompletableFuture<ToolOutcome> call : List.of(north.get(0), north.get(1), south.get(0), south.get(1))) {
            assertThat(call.get(10, TimeUnit.SECONDS).answer().failed()).isFalse();
        }
        assertThat(freePlacesOf(NORTH)).isEqualTo(2);
        assertThat(freePlacesOf(SOUTH)).isEqualTo(2);
        assertThat(refused("south")).isZero();
    }

    @Test
    void thePlaceComesBackAfterASuccessASpeakableFailureAndAnUnexpectedException() {
        Map<String, Processor> endings = Map.of(
                "free at ten", exchange -> exchange.getMessage().setBody("free at ten"),
                CalendarUnavailableException.SENTENCE, exchange -> {
                    throw new CalendarUnavailableException();
                },
                "Sorry, something went wrong on my side.", exchange -> {
                    throw new IllegalStateException("a bug in the function");
                });

        endings.forEach((heard, ending) -> {
            function = ending;
            ToolOutcome outcome = checkAvailability(NORTH);
            assertThat(outcome.answer().failed() ? outcome.answer().error() : outcome.answer().result()).asString().startsWith(heard);
            assertThat(freePlacesOf(NORTH)).isEqualTo(2);
        });
        assertThat(runsOf(NORTH)).isEqualTo(3);
    }

    @Test
    void withoutAFileTheOneBusinessMayUseEveryWebhookThreadAndWithOneEachHasEight() {
        assertThat(ResilienceConfiguration.concurrentToolCalls("", false, 32)).isEqualTo(32);
        assertThat(ResilienceConfiguration.concurrentToolCalls(null, true, 32)).isEqualTo(8);
        assertThat(ResilienceConfiguration.concurrentToolCalls(" 3 ", true, 32)).isEqualTo(3);
    }

    private double refused(String business) {
        var counter = meters.find("tool.calls.refused").tag("business", business).counter();
        return counter == null ? 0 : counter.count();
    }

    private long unavailableAnswers() {
        Timer timer = meters.find("tool.calls").tags("function", "check_availability", "outcome", "unavailable").timer();
        return timer == null ? 0 : timer.count();
    }
}
