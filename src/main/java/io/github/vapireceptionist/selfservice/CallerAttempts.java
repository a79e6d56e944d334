package io.github.vapireceptionist.selfservice;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.vapireceptionist.app.PiiMasking;
import io.github.vapireceptionist.core.SpeakableException;
import java.time.Duration;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most SELF_SERVICE_ATTEMPTS find/cancel/reschedule calls per caller number in a fixed window of
 * SELF_SERVICE_WINDOW_MINUTES from its first attempt, so nobody can probe the calendar by trying one
 * email after another. A per-key counter in a bounded Caffeine map whose entries expire a window after
 * they were created (an update keeps the expiry): "N per call" needs one counter per number that
 * disappears on its own, which a token-bucket limiter per key (Resilience4j's registry keeps every
 * limiter forever) does not give. A re-sent tool call is answered from memory before it is counted.
 */
public class CallerAttempts {

    static final String TOO_MANY = "I can't look up any more bookings on this call. "
            + "I can put you through to a member of the team if you like.";
    private static final Logger log = LoggerFactory.getLogger(CallerAttempts.class);

    private final int allowed;
    private final Cache<String, Integer> attempts;

    public CallerAttempts(SelfServiceProperties settings, Ticker ticker) {
        this.allowed = settings.attemptsPerCaller();
        Duration window = Duration.ofMinutes(settings.windowMinutes());
        this.attempts = Caffeine.newBuilder()
                .maximumSize(settings.trackedCallers())
                .ticker(ticker)
                .expireAfter(Expiry.<String, Integer>creating((caller, count) -> window))
                .build();
    }

    /** Counts this attempt; a speakable refusal once the caller has used up the window's attempts. */
    public void count(@ExchangeProperty("caller") CallerAppointments caller) {
        String key = caller.request().attemptsKey();
        Integer used = attempts.asMap().merge(key, 1, Integer::sum);
        if (used > allowed) {
            log.warn("self_service_rate_limited function={} caller={} attempts={}", caller.request().function(),
                    PiiMasking.maskPhone(caller.request().callerNumber()), used);
            throw new SpeakableException(TOO_MANY);
        }
    }

    /** Tests: forget every count. */
    public void clear() {
        attempts.invalidateAll();
    }
}
