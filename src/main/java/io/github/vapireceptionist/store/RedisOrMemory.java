package io.github.vapireceptionist.store;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each operation on Redis, or on this instance's memory when Redis fails, so a Redis outage never
 * fails a call: limits become per instance for its duration. A failed or timed-out command is answered
 * from memory; once enough of the last commands failed (SharedStoreBreakerProperties) a circuit breaker
 * opens, so during an outage a call waits for Redis only a few times, then at most once per {@code retry}
 * (meanwhile memory answers at once); the first call after it tries Redis again. One slow command alone
 * does not open it: the next command goes to Redis again. A failure is logged once when it starts and once
 * when Redis answers again; every operation answered from memory counts in {@code shared_store_fallbacks_total}, and
 * every command that failed or timed out on Redis (what callers waited for) in {@code shared_store_failures_total}.
 */
final class RedisOrMemory {

    private static final Logger log = LoggerFactory.getLogger(RedisOrMemory.class);

    private final String target;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    private final AtomicBoolean down = new AtomicBoolean();
    private final ConcurrentMap<String, Counter> fallbacks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> failures = new ConcurrentHashMap<>();

    /** {@code target} names Redis in the log (host, port, database: never the password). */
    RedisOrMemory(String target, Duration retry, SharedStoreBreakerProperties opening, MeterRegistry meters) {
        this.target = target;
        this.meters = meters;
        this.breaker = CircuitBreaker.of("shared-store", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(opening.window())
                .minimumNumberOfCalls(opening.window())
                .failureRateThreshold(opening.failureRatePercent())
                .waitDurationInOpenState(retry)
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .build());
    }

    <T> T call(String kind, String operation, Supplier<T> redis, Supplier<T> memory) {
        if (!breaker.tryAcquirePermission()) {
            return fallBack(kind, operation, memory);
        }
        long start = System.nanoTime();
        try {
            T answer = redis.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (down.compareAndSet(true, false)) {
                log.info("shared_store_recovered Redis at {} answers again ({} on {}); state is shared across instances again",
                        target, operation, kind);
            }
            return answer;
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            failures.computeIfAbsent(kind + "/" + operation, name -> Counter.builder("shared.store.failures")
                    .description("Shared-store commands that failed or timed out on Redis (each one waited for)")
                    .tag("kind", kind)
                    .tag("operation", operation)
                    .register(meters)).increment();
            if (down.compareAndSet(false, true)) {
                log.warn("shared_store_unavailable Redis at {} failed ({} on {}: {}); each instance uses its own memory until it "
                        + "answers again (limits per instance, claims and remembered answers not shared)", target, operation, kind, causes(e));
            }
            return fallBack(kind, operation, memory);
        }
    }

    /**
     * For what must not be answered from memory: runs it on Redis, even while the breaker is open (it is rare
     * and has to try; nor does it count for the breaker), and turns its failure into SharedStoreUnavailableException.
     */
    <T> T require(String kind, String operation, Supplier<T> redis) {
        try {
            return redis.get();
        } catch (RuntimeException e) {
            log.warn("shared_store_required Redis at {} failed ({} on {}: {}); the operation has no fallback and fails",
                    target, operation, kind, causes(e));
            throw new SharedStoreUnavailableException(kind, operation);
        }
    }

    /** Whether the last outage has not ended yet. */
    boolean down() {
        return down.get();
    }

    private <T> T fallBack(String kind, String operation, Supplier<T> memory) {
        fallbacks.computeIfAbsent(kind + "/" + operation, name -> Counter.builder("shared.store.fallbacks")
                .description("Shared-store operations answered from this instance's memory because Redis failed")
                .tag("kind", kind)
                .tag("operation", operation)
                .register(meters)).increment();
        return memory.get();
    }

    /** The exception classes down to the root cause: what failed, without messages that could carry the URL. */
    private static String causes(Throwable failure) {
        StringBuilder causes = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            causes.append(" <- ").append(cause.getClass().getSimpleName());
        }
        return causes.toString();
    }
}
