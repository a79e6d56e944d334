package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.store.SharedStore;
import io.github.vapireceptionist.store.WindowCounters;
import io.github.vapireceptionist.store.WindowCounters.Count;
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
 * <p>One counter per address in the shared store, in a window that starts with the address's first
 * failure: in this instance's memory (at most {@value #MAX_CLIENTS} addresses, so a scan from many
 * addresses cannot exhaust memory), or in Redis when REDIS_URL is set, so that the failures sent to
 * every instance count together.
 */
public class FailedAuthentications {

    static final int MAX_CLIENTS = 10_000;
    private static final String UNKNOWN_CLIENT = "unknown";
    private static final Logger log = LoggerFactory.getLogger(FailedAuthentications.class);

    private final int allowed;
    private final Duration period;
    private final WindowCounters failures;
    private final WebhookReplies replies;

    /** This instance's failures only. */
    public FailedAuthentications(RateLimitProperties limits, WebhookReplies replies) {
        this(limits, replies, SharedStore.inMemory());
    }

    public FailedAuthentications(RateLimitProperties limits, WebhookReplies replies, SharedStore store) {
        this.allowed = limits.requests();
        this.period = Duration.ofSeconds(limits.period());
        this.failures = store.counters("auth-failures", MAX_CLIENTS);
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
        Count count = failures.peek(client);
        return count.count() < allowed ? OptionalLong.empty() : OptionalLong.of(seconds(count.resetsIn()));
    }

    /** Counts one failure; empty while the client is within its budget, else the seconds until it may try again. */
    OptionalLong recordFailure(String client) {
        Count count = failures.increment(client, period);
        if (count.count() > allowed) {
            return OptionalLong.of(seconds(count.resetsIn()));
        }
        if (count.count() == allowed) {
            log.warn("Client {} failed webhook authentication {} times within {} s; refusing it with 429 until the period ends",
                    client, allowed, period.toSeconds());
        }
        return OptionalLong.empty();
    }

    /** Whole seconds, rounded up, at least one: what Retry-After can say. */
    private static long seconds(Duration wait) {
        long nanos = wait.toNanos();
        return Math.max(1, wait.toSeconds() + (nanos % 1_000_000_000L == 0 ? 0 : 1));
    }

    /** The address Tomcat reports: the peer, or the client a trusted proxy forwarded for (TRUSTED_PROXIES). */
    private static String clientAddress(Exchange exchange) {
        HttpServletRequest request = exchange.getMessage().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        return request == null || request.getRemoteAddr() == null ? UNKNOWN_CLIENT : request.getRemoteAddr();
    }
}
