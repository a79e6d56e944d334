package io.github.vapireceptionist.resilience;

import com.twilio.exception.ApiException;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.calendar.EmailAlreadyInUseException;
import io.github.vapireceptionist.notify.ConfirmationProperties;
import io.github.vapireceptionist.reconcile.ReconcileProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.hc.client5.http.impl.classic.RequestFailedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker per dependency (STYLE.md): every route that calls Twilio or Vapi's call control names
 * its breaker in a {@code circuitBreaker} step, so all calls to one dependency share one set of statistics and
 * open together. The calendar is each business's own dependency: its calls go through the {@code calendarBreaker}
 * policy, which picks the business's breaker per call (CalendarBreaker).
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResilienceConfiguration.class);

    @Bean
    FunctionBudgets functionBudgets(ResilienceProperties resilience, ReconcileProperties reconciliation,
            EasyAppointmentsProperties calendar) {
        return new FunctionBudgets(resilience.budget(), Duration.ofMillis(reconciliation.budgetMs()),
                Duration.ofMillis(calendar.writeTimeoutMs()));
    }

    /**
     * The latest a caller can be answered with these settings. A production instance refuses to start when it can
     * reach Vapi's 20 s (a ProductionCheck: ProductionReadiness lists it with the other problems); in development,
     * where long timeouts serve debugging and slow stand-ins, it is a warning with the same numbers.
     */
    @Bean
    LatestAnswer latestAnswer(ResilienceProperties resilience, ReconcileProperties reconciliation,
            EasyAppointmentsProperties calendar, ConfirmationProperties confirmation, AppProperties app) {
        LatestAnswer latest = LatestAnswer.of(resilience.budget(), Duration.ofMillis(reconciliation.budgetMs()), calendar,
                confirmation.budgetMs());
        LatestAnswer.Path worst = latest.worst();
        if (latest.withinVapisTimeout()) {
            log.info("latest_answer function={}: {}", worst.function(), worst.sum());
        } else if (!app.production()) {
            log.warn("latest_answer function={}: {}, not below the 20 s Vapi waits for a tool's answer "
                    + "(a production instance refuses to start with these settings)", worst.function(), worst.sum());
        }
        return latest;
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        registry.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> log.warn("circuit_breaker name={} transition={}",
                        event.getCircuitBreakerName(), event.getStateTransition())));
        return registry;
    }

    /**
     * Not the calendar failing: a customer email already in use (the calendar working as it should), and
     * this app's own saturation, a call that never left because no pooled connection came free in time
     * (under overload that would otherwise open the breaker and turn every caller away for its open time),
     * or because its business already had its most calendar calls in flight (CalendarBreaker's bulkhead).
     * This is the breaker of the business of a deployment without BUSINESSES_FILE ({@code calendar});
     * every other business gets its own with the same settings (CalendarBreaker).
     */
    @Bean
    CircuitBreaker calendarCircuitBreaker(CircuitBreakerRegistry registry, ResilienceProperties resilience) {
        return registry.circuitBreaker(CalendarBreaker.DEFAULT_NAME,
                config(resilience.circuitBreaker().calendar(), ResilienceConfiguration::notTheCalendarsFault));
    }

    /**
     * The policy around every calendar call (routes/calendar.camel.yaml): each business's calendar behind its own
     * breaker, and at most EASYAPPOINTMENTS_MAX_CONNECTIONS of its calls in flight, one more waiting as long as a
     * pooled connection would be waited for.
     */
    @Bean
    CalendarBreaker calendarBreaker(Businesses businesses, CircuitBreakerRegistry registry,
            @Qualifier("calendarCircuitBreaker") CircuitBreaker defaultBreaker, EasyAppointmentsProperties calendar,
            @Value("${easyappointments.max-connections}") int maxConnections, MeterRegistry meters) {
        BulkheadConfig bulkhead = BulkheadConfig.custom()
                .maxConcurrentCalls(maxConnections)
                .maxWaitDuration(Duration.ofMillis(calendar.connectTimeoutMs()))
                .writableStackTraceEnabled(false)
                .build();
        return new CalendarBreaker(businesses, registry, defaultBreaker.getCircuitBreakerConfig(), bulkhead, meters);
    }

    /**
     * The policy around the lookups a tool call makes at the same time (routes/look-up-booking.camel.yaml,
     * routes/search-availabilities.camel.yaml): each business's own threads, made from the booking-lookups and
     * team-lookups profiles (camel.threadpool in application.yaml), whose executors the routes name bookingLookupThreads
     * and teamLookupThreads.
     */
    @Bean
    BusinessLookups businessLookups(Businesses businesses) {
        return new BusinessLookups(businesses);
    }

    @Bean
    CamelContextConfiguration lookupExecutors(BusinessLookups lookups) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getRegistry().bind("bookingLookupThreads", ExecutorService.class,
                        lookups.pools(camelContext, "booking-lookups", "Multicast"));
                camelContext.getRegistry().bind("teamLookupThreads", ExecutorService.class,
                        lookups.pools(camelContext, "team-lookups", "Split"));
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // the executors are bound before the routes are built
            }
        };
    }

    /** Without BUSINESSES_FILE: the one business may use every webhook thread, as before. */
    static final int TOOL_CALLS_PER_BUSINESS_WITH_A_FILE = 8;

    /**
     * The policy around each tool call's function (routes/tool-call.camel.yaml): at most
     * BUSINESS_MAX_CONCURRENT_TOOL_CALLS tool calls of one business in progress (empty: every webhook thread without
     * BUSINESSES_FILE, {@value #TOOL_CALLS_PER_BUSINESS_WITH_A_FILE} with one).
     */
    @Bean
    BusinessBulkhead businessBulkhead(Businesses businesses,
            @Value("${resilience.concurrent-tool-calls-per-business:}") String configured,
            @Value("${server.tomcat.threads.max}") int webhookThreads, MeterRegistry meters) {
        int perBusiness = concurrentToolCalls(configured, businesses.fromFile(), webhookThreads);
        if (businesses.fromFile() && webhookThreads < 3 * perBusiness) {
            log.warn("concurrent_tool_calls per_business={} webhook_threads={}: fewer than three businesses with a slow "
                    + "calendar can hold every webhook thread (BUSINESS_MAX_CONCURRENT_TOOL_CALLS, WEBHOOK_WORKER_THREADS)",
                    perBusiness, webhookThreads);
        }
        return new BusinessBulkhead(businesses, perBusiness, meters);
    }

    static int concurrentToolCalls(String configured, boolean fromFile, int webhookThreads) {
        if (configured == null || configured.isBlank()) {
            return fromFile ? TOOL_CALLS_PER_BUSINESS_WITH_A_FILE : webhookThreads;
        }
        int perBusiness = Integer.parseInt(configured.strip());
        if (perBusiness < 1) {
            throw new IllegalArgumentException("BUSINESS_MAX_CONCURRENT_TOOL_CALLS must be at least 1, not " + perBusiness);
        }
        return perBusiness;
    }

    static boolean notTheCalendarsFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EmailAlreadyInUseException || t instanceof ConnectionRequestTimeoutException
                    || t instanceof RequestFailedException || t instanceof BulkheadFullException) {
                return true;
            }
        }
        return false;
    }

    /** Twilio refusing one message (a bad number: 4xx other than 429) says nothing about Twilio's health. */
    @Bean
    CircuitBreaker twilioCircuitBreaker(CircuitBreakerRegistry registry, ResilienceProperties resilience) {
        return registry.circuitBreaker("twilio",
                config(resilience.circuitBreaker().twilio(), ResilienceConfiguration::refusedMessage));
    }

    @Bean
    CircuitBreaker callControlCircuitBreaker(CircuitBreakerRegistry registry, ResilienceProperties resilience) {
        return registry.circuitBreaker("call-control", config(resilience.circuitBreaker().callControl(), failure -> false));
    }

    static CircuitBreakerConfig config(ResilienceProperties.Breaker breaker, Predicate<Throwable> notAFailure) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRate())
                .waitDurationInOpenState(Duration.ofSeconds(breaker.openSeconds()))
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .ignoreException(notAFailure)
                .writableStackTraceEnabled(false)
                .build();
    }

    private static boolean refusedMessage(Throwable failure) {
        return failure instanceof ApiException api && api.getStatusCode() != null
                && api.getStatusCode() >= 400 && api.getStatusCode() < 500 && api.getStatusCode() != 429;
    }
}
