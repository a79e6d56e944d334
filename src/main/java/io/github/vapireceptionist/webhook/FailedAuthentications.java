package io.github.vapireceptionist.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RATE_LIMIT_REQUESTS failed authentications per RATE_LIMIT_PERIOD seconds per client address;
 * beyond that the client hears 429 with Retry-After until the period ends. Only failures count:
 * Vapi sends every message of every live call of a business (status, transcript and speech
 * updates, tool calls) from a handful of egress addresses, so a per-address limit on all traffic
 * would cut off live calls, and since those addresses are shared by all Vapi customers, limiting
 * them on failures alone must not block a request that authenticates either. Authenticated
 * requests are therefore never limited here; guessing secrets and scanning are.
 *
 * <p>One Resilience4j {@link AtomicRateLimiter} per address, kept in a Caffeine cache that forgets
 * an address after a quiet period (its limiter would be full again by then anyway) and holds at
 * most {@value #MAX_CLIENTS} addresses, so a scan from many addresses cannot exhaust memory.
 */
public class FailedAuthentications {

    static final int MAX_CLIENTS = 10_000;
    private static final String UNKNOWN_CLIENT = "unknown";
    private static final Logger log = LoggerFactory.getLogger(FailedAuthentications.class);

    private final RateLimiterConfig config;
    private final Cache<String, AtomicRateLimiter> byClient;
    private final WebhookReplies replies;

    public FailedAuthentications(RateLimitProperties limits, WebhookReplies replies) {
        Duration period = Duration.ofSeconds(limits.period());
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(limits.requests())
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.byClient = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(period).build();
        this.replies = replies;
    }

    /** The answer to a request that failed authentication: 401, or 429 once its client failed too often. */
    public String refuse(Exchange exchange) {
        String client = clientAddress(exchange);
        OptionalLong retryAfter = recordFailure(client);
        return retryAfter.isPresent() ? replies.tooManyRequests(exchange, retryAfter.getAsLong()) : replies.unauthorized(exchange);
    }

    /** Without counting anything: empty while the client has failures left, else the seconds until it has. */
    public OptionalLong exhausted(String client) {
        AtomicRateLimiter limiter = byClient.getIfPresent(client);
        if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds(limiter.getDetailedMetrics().getNanosToWait()));
    }

    /** Counts one failure; empty while the client is within its budget, else the seconds until it may try again. */
    OptionalLong recordFailure(String client) {
        AtomicRateLimiter limiter = byClient.get(client, address -> new AtomicRateLimiter("webhook-auth-failures", config));
        if (limiter.acquirePermission()) {
            if (limiter.getMetrics().getAvailablePermissions() == 0) {
                log.warn("Client {} failed webhook authentication {} times within {} s; refusing it with 429 until the period ends",
                        client, config.getLimitForPeriod(), config.getLimitRefreshPeriod().toSeconds());
            }
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds(limiter.getDetailedMetrics().getNanosToWait()));
    }

    /** Whole seconds, rounded up, at least one: what Retry-After can say. */
    private static long seconds(long nanos) {
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + (nanos % 1_000_000_000L == 0 ? 0 : 1));
    }

    /** The address Tomcat reports: the peer, or the client a trusted proxy forwarded for (TRUSTED_PROXIES). */
    private static String clientAddress(Exchange exchange) {
        HttpServletRequest request = exchange.getMessage().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        return request == null || request.getRemoteAddr() == null ? UNKNOWN_CLIENT : request.getRemoteAddr();
    }
}
