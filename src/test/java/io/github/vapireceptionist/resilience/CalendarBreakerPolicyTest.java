package io.github.vapireceptionist.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.CalendarSlowException;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.calendar.EmailAlreadyInUseException;
import io.github.vapireceptionist.support.TestBusinesses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The calendar's {@code policy} step (CalendarBreaker) in a route of its own: the step behind it stands for the
 * calendar call. Each business has its own breaker and share of calls; the breaker has the calendar's rules
 * (opens after 4 calls, half of them failed; 1 call let through half-open) and a business may have 2 calls in flight.
 */
class CalendarBreakerPolicyTest {

    private static final Business NORTH = TestBusinesses.business("north", "http://north.invalid");
    private static final Business SOUTH = TestBusinesses.business("south", "http://south.invalid");
    private static final CircuitBreakerConfig RULES = ResilienceConfiguration.config(
            new ResilienceProperties.Breaker(50, 4, 4, 60, 1), ResilienceConfiguration::notTheCalendarsFault);
    private static final BulkheadConfig TWO_AT_ONCE = BulkheadConfig.custom().maxConcurrentCalls(2)
            .maxWaitDuration(Duration.ofMillis(50)).writableStackTraceEnabled(false).build();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger calendarCalls = new AtomicInteger();
    /** What the calendar call does with the next exchange. */
    private volatile Processor calendar = exchange -> exchange.getMessage().setBody("answer");
    private CalendarBreaker policy;
    private CamelContext camel;
    private ProducerTemplate producer;

    private void start(Businesses businesses) throws Exception {
        policy = new CalendarBreaker(businesses, registry, RULES, TWO_AT_ONCE, meters);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:calendar-call").policy(policy).process(exchange -> {
                    calendarCalls.incrementAndGet();
                    calendar.process(exchange);
                });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    private void startWithTwoBusinesses() throws Exception {
        start(new Businesses(List.of(NORTH, SOUTH), true));
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    private Exchange call(Business business) {
        return producer.send("direct:calendar-call", exchange -> {
            if (business != null) {
                exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
            }
            exchange.getMessage().setBody("request");
        });
    }

    private CircuitBreaker.Metrics metricsOf(Business business) {
        return policy.breakerOf(business).getMetrics();
    }

    private int freePlacesOf(Business business) {
        return policy.bulkheadOf(business).getMetrics().getAvailableConcurrentCalls();
    }

    @Test
    void aCallGoesThroughItsBusinesssOwnBreakerAndIsCountedAsASuccess() throws Exception {
        startWithTwoBusinesses();

        Exchange answered = call(NORTH);

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody()).isEqualTo("answer");
        assertThat(policy.breakerOf(NORTH).getName()).isEqualTo("calendar:north");
        assertThat(registry.circuitBreaker("calendar:north")).isSameAs(policy.breakerOf(NORTH));
        assertThat(metricsOf(NORTH).getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(metricsOf(SOUTH).getNumberOfBufferedCalls()).isZero();
        assertThat(freePlacesOf(NORTH)).isEqualTo(2);
    }

    @Test
    void whileABusinesssBreakerIsOpenItsCallsFailAtOnceAndTheOthersGoThrough() throws Exception {
        startWithTwoBusinesses();
        policy.breakerOf(NORTH).transitionToOpenState();

        Exchange refused = call(NORTH);

        assertThat(refused.getException()).isInstanceOf(CallNotPermittedException.class);
        assertThat(((CallNotPermittedException) refused.getException()).getCausingCircuitBreakerName()).isEqualTo("calendar:north");
        assertThat(calendarCalls).as("the calendar was not called").hasValue(0);
        assertThat(freePlacesOf(NORTH)).isEqualTo(2);

        assertThat(call(SOUTH).getException()).isNull();
        assertThat(calendarCalls).hasValue(1);
    }

    @Test
    void failuresOpenOnlyTheFailingBusinesssBreakerAndLeaveTheRequestForTheFailureHandling() throws Exception {
        startWithTwoBusinesses();
        calendar = exchange -> {
            exchange.getMessage().setBody("half an answer");
            throw new CalendarUnavailableException();
        };

        for (int i = 0; i < 4; i++) {
            Exchange failed = call(NORTH);
            assertThat(failed.getException()).isInstanceOf(CalendarUnavailableException.class);
            assertThat(failed.getMessage().getBody()).as("the message as it was before the call").isEqualTo("request");
        }

        assertThat(policy.breakerOf(NORTH).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(policy.breakerOf(SOUTH).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(freePlacesOf(NORTH)).isEqualTo(2);
    }

    @Test
    void whatIsNotTheCalendarsFaultIsNotCountedAndGivesAHalfOpenPermissionBack() throws Exception {
        startWithTwoBusinesses();
        calendar = exchange -> {
            throw new EmailAlreadyInUseException();
        };
        for (int i = 0; i < 4; i++) {
            assertThat(call(NORTH).getException()).isInstanceOf(EmailAlreadyInUseException.class);
        }
        assertThat(policy.breakerOf(NORTH).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(metricsOf(NORTH).getNumberOfBufferedCalls()).isZero();

        policy.breakerOf(NORTH).transitionToOpenState();
        policy.breakerOf(NORTH).transitionToHalfOpenState();
        assertThat(call(NORTH).getException()).as("the one call let through half-open").isInstanceOf(EmailAlreadyInUseException.class);
        calendar = exchange -> exchange.getMessage().setBody("answer");

        assertThat(call(NORTH).getException()).as("its permission was given back").isNull();
        assertThat(policy.breakerOf(NORTH).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void thePlaceIsGivenBackWhateverTheCalendarCallEndedWith() throws Exception {
        startWithTwoBusinesses();
        List<Processor> endings = List.of(
                exchange -> exchange.getMessage().setBody("answer"),
                exchange -> {
                    throw new CalendarUnavailableException();
                },
                exchange -> {
                    throw new IllegalStateException("a bug in a step");
                },
                exchange -> {
                    throw new AssertionError("an error, not an exception");
                });

        for (Processor ending : endings) {
            calendar = ending;
            call(NORTH);
            assertThat(freePlacesOf(NORTH)).isEqualTo(2);
        }
        assertThat(calendarCalls).hasValue(4);
    }

    @Test
    void aBusinessWithAllItsCallsInFlightHearsTheCalendarIsSlowAndTheOthersDoNot() throws Exception {
        startWithTwoBusinesses();
        CountDownLatch hanging = new CountDownLatch(1);
        calendar = exchange -> {
            if (exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class) == NORTH) {
                hanging.await(10, TimeUnit.SECONDS);
            }
            exchange.getMessage().setBody("answer");
        };
        List<CompletableFuture<Exchange>> inFlight = List.of(
                CompletableFuture.supplyAsync(() -> call(NORTH)), CompletableFuture.supplyAsync(() -> call(NORTH)));
        await().atMost(Duration.ofSeconds(5)).until(() -> freePlacesOf(NORTH) == 0);

        Exchange refused = call(NORTH);

        assertThat(refused.getException()).isInstanceOf(CalendarBusyException.class)
                .hasMessage(CalendarSlowException.SENTENCE).hasCauseInstanceOf(BulkheadFullException.class);
        assertThat(meters.get("calendar.bulkhead.refusals").tag("business", "north").counter().count()).isEqualTo(1);
        assertThat(metricsOf(NORTH).getNumberOfFailedCalls()).as("not the calendar's fault").isZero();
        assertThat(call(SOUTH).getException()).isNull();

        hanging.countDown();
        for (CompletableFuture<Exchange> call : inFlight) {
            assertThat(call.get(10, TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(freePlacesOf(NORTH)).isEqualTo(2);
        assertThat(call(NORTH).getException()).isNull();
    }

    @Test
    void anExchangeThatNamesNoBusinessAmongSeveralIsRefusedBeforeAnyCall() throws Exception {
        startWithTwoBusinesses();

        assertThat(call(null).getException()).isInstanceOf(Businesses.NoBusinessException.class);
        assertThat(calendarCalls).hasValue(0);
    }

    @Test
    void theOneBusinessOfADeploymentWithoutAFileKeepsTheBreakerNamedCalendar() throws Exception {
        Business only = TestBusinesses.business(Businesses.DEFAULT_ID, "http://calendar.invalid");
        CircuitBreaker before = registry.circuitBreaker("calendar", RULES);
        start(Businesses.single(only));

        assertThat(call(null).getException()).as("an exchange without the property is the only business's").isNull();

        assertThat(policy.breakerOf(only)).isSameAs(before);
        assertThat(before.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(meters.get("calendar.breaker.state").tag("business", "default").gauge().value()).isZero();
        before.transitionToOpenState();
        assertThat(meters.get("calendar.breaker.state").tag("business", "default").gauge().value()).isEqualTo(1);
    }
}
