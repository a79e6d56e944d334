package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What a log line of each step sees in the MDC: the request's correlation ids at every step, a tool call's own
 * ids inside the split and not after it, the ids on a wire tap's thread, and nothing left on any thread once
 * its work is done (the access log line and the next request start clean).
 */
class CorrelationLogContextTest {

    private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
    private final ExecutorService tapThread = Executors.newSingleThreadExecutor();
    private final CountDownLatch tapped = new CountDownLatch(1);
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().addInterceptStrategy(new CorrelationLogContext());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:request")
                        .process(e -> e.setProperty(Correlation.CORRELATION_ID, "call-1"))
                        .process(e -> e.setProperty(Correlation.CALL_ID, "call-1"))
                        .process(record("request"))
                        .split(body())
                            .process(e -> e.setProperty(Correlation.TOOL_CALL_ID, "tc-" + e.getMessage().getBody()))
                            .process(e -> e.setProperty(Correlation.FUNCTION, "check_availability"))
                            .process(e -> seen.put("tool call " + e.getMessage().getBody(), MDC.getCopyOfContextMap()))
                        .end()
                        .process(record("after the split"))
                        .wireTap("direct:tapped").executorService(tapThread)
                        .process(record("after the tap"));
                from("direct:failing")
                        .process(e -> e.setProperty(Correlation.CORRELATION_ID, "call-2"))
                        .process(e -> {
                            throw new IllegalStateException("the calendar said no");
                        });
                from("direct:tapped")
                        .process(record("tapped"))
                        .process(e -> tapped.countDown());
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        tapThread.shutdownNow();
        MDC.clear();
    }

    private org.apache.camel.Processor record(String step) {
        return exchange -> {
            Map<String, String> mdc = new HashMap<>(MDC.getCopyOfContextMap());
            mdc.put("thread", Thread.currentThread().getName());
            mdc.put("own exchange", exchange.getExchangeId());
            seen.put(step, mdc);
        };
    }

    @Test
    void everyStepOfARequestNamesItsCallAndEachToolCallOnlyItsOwnSteps() throws Exception {
        CorrelationLogContext.request(() -> template.sendBody("direct:request", List.of("a", "b")));

        Map<String, String> request = seen.get("request");
        assertThat(request).containsEntry(Correlation.CORRELATION_ID, "call-1").containsEntry(Correlation.CALL_ID, "call-1")
                .doesNotContainKeys(Correlation.TOOL_CALL_ID, Correlation.FUNCTION);
        assertThat(request.get(CorrelationLogContext.EXCHANGE_ID)).isEqualTo(request.get("own exchange"));
        for (String toolCall : List.of("a", "b")) {
            assertThat(seen.get("tool call " + toolCall)).containsEntry(Correlation.CORRELATION_ID, "call-1")
                    .containsEntry(Correlation.TOOL_CALL_ID, "tc-" + toolCall)
                    .containsEntry(Correlation.FUNCTION, "check_availability")
                    .doesNotContainEntry(CorrelationLogContext.EXCHANGE_ID, request.get("own exchange"));
        }
        Map<String, String> afterSplit = seen.get("after the split");
        assertThat(afterSplit).containsEntry(Correlation.CORRELATION_ID, "call-1")
                .containsEntry(CorrelationLogContext.EXCHANGE_ID, request.get("own exchange"))
                .doesNotContainKeys(Correlation.TOOL_CALL_ID, Correlation.FUNCTION);
        assertThat(seen.get("after the tap")).isEqualTo(afterSplit);

        assertThat(tapped.await(5, TimeUnit.SECONDS)).isTrue();
        Map<String, String> tap = seen.get("tapped");
        assertThat(tap.get("thread")).isNotEqualTo(request.get("thread"));
        assertThat(tap).containsEntry(Correlation.CORRELATION_ID, "call-1").containsEntry(Correlation.CALL_ID, "call-1");
    }

    @Test
    void noThreadKeepsAnyOfItOnceItsWorkIsDone() throws Exception {
        CorrelationLogContext.request(() -> template.sendBody("direct:request", List.of("a")));
        assertThat(MDC.getCopyOfContextMap()).as("the request's thread, before its access log line").isNullOrEmpty();

        assertThat(tapped.await(5, TimeUnit.SECONDS)).isTrue();
        Map<String, String> tapThreadAfter = tapThread.submit(() -> MDC.getCopyOfContextMap()).get(5, TimeUnit.SECONDS);
        assertThat(tapThreadAfter).as("the wire tap's thread, once its route is done").isNullOrEmpty();

        template.sendBody("direct:request", List.of("b"));
        assertThat(MDC.getCopyOfContextMap()).as("a thread that is not a request's (a timer's)").isNullOrEmpty();
    }

    @Test
    void aRequestLeavesWhatTheThreadHeldBeforeIt() throws Exception {
        MDC.put("unrelated", "kept");
        CorrelationLogContext.request(() -> template.sendBody("direct:request", List.of("a")));
        assertThat(MDC.getCopyOfContextMap()).containsOnly(Map.entry("unrelated", "kept"));
        assertThat(seen.get("request")).containsEntry("unrelated", "kept");
    }

    @Test
    void aFailedStepStillLeavesTheThreadClean() throws Exception {
        Exchange[] failed = new Exchange[1];
        CorrelationLogContext.request(() -> failed[0] = template.send("direct:failing", e -> { }));
        assertThat(failed[0].getException()).hasMessage("the calendar said no");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();

        template.send("direct:failing", e -> { });
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
