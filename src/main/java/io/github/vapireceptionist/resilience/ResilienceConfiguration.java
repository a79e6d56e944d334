package io.github.vapireceptionist.resilience;

import com.twilio.exception.ApiException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.calendar.EmailAlreadyInUseException;
import io.github.vapireceptionist.notify.ConfirmationProperties;
import io.github.vapireceptionist.reconcile.ReconcileProperties;
import java.time.Duration;
import org.apache.hc.client5.http.impl.classic.RequestFailedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker per dependency (STYLE.md): every route that calls the calendar, Twilio or Vapi's
 * call control names its breaker in a {@code circuitBreaker} step, so all calls to one dependency share
 * one set of statistics and open together.
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
     * (under overload that would otherwise open the breaker and turn every caller away for its open time).
     */
    @Bean
    CircuitBreaker calendarCircuitBreaker(CircuitBreakerRegistry registry, ResilienceProperties resilience) {
        return registry.circuitBreaker("calendar",
                config(resilience.circuitBreaker().calendar(), ResilienceConfiguration::notTheCalendarsFault));
    }

    static boolean notTheCalendarsFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EmailAlreadyInUseException || t instanceof ConnectionRequestTimeoutException
                    || t instanceof RequestFailedException) {
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
