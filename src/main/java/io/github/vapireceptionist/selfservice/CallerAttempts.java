package io.github.vapireceptionist.selfservice;

import io.github.vapireceptionist.app.PiiMasking;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.store.PerBusinessStore;
import io.github.vapireceptionist.store.SharedStore;
import io.github.vapireceptionist.store.WindowCounters;
import java.time.Duration;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most SELF_SERVICE_ATTEMPTS find/cancel/reschedule calls per caller number in a fixed window of
 * SELF_SERVICE_WINDOW_MINUTES from its first attempt, so nobody can probe the calendar by trying one
 * email after another. One counter per number in the shared store, gone when its window ends: in this
 * instance's memory (at most self-service.tracked-callers numbers), or in Redis when REDIS_URL is set, so
 * the attempts sent to every instance count together (the number is a key there only as its keyed hash).
 * A token-bucket limiter per key would not do: Resilience4j's registry keeps every limiter forever. A
 * re-sent tool call is answered from its remembered answer before it is counted. Each business counts its own
 * (SharedStore.forBusiness): a caller of two businesses has each one's allowance.
 */
public class CallerAttempts {

    static final String TOO_MANY = "I can't look up any more bookings on this call. "
            + "I can put you through to a member of the team if you like.";
    static final String KIND = "caller-attempts";
    private static final Logger log = LoggerFactory.getLogger(CallerAttempts.class);

    private final int allowed;
    private final Duration window;
    private final PerBusinessStore<WindowCounters> attempts;

    /** The one business {@value Businesses#DEFAULT_ID}'s (tests of one business). */
    public CallerAttempts(SelfServiceProperties settings, SharedStore store) {
        this(settings, store, null);
    }

    public CallerAttempts(SelfServiceProperties settings, SharedStore store, Businesses businesses) {
        this.allowed = settings.attemptsPerCaller();
        this.window = Duration.ofMinutes(settings.windowMinutes());
        int tracked = settings.trackedCallers();
        this.attempts = new PerBusinessStore<>(store, businesses, forBusiness -> forBusiness.counters(KIND, tracked));
    }

    /** Counts this attempt; a speakable refusal once the caller has used up the window's attempts. */
    public void count(@ExchangeProperty("caller") CallerAppointments caller) {
        long used = attempts.of(caller.business()).increment(caller.request().attemptsKey(), window).count();
        if (used > allowed) {
            log.warn("self_service_rate_limited function={} caller={} attempts={}", caller.request().function(),
                    PiiMasking.maskPhone(caller.request().callerNumber()), used);
            throw new SpeakableException(TOO_MANY);
        }
    }

    /** Tests: forget what this instance's memory counted, for every business (Redis keeps its counts until their windows end). */
    public void clear() {
        attempts.clear();
    }
}
