package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.core.Deadline;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The time rules of every call to the calendar, called by the calendar routes (routes/calendar.camel.yaml)
 * just before their HTTP step, after CalendarRequests has set the method.
 *
 * <ul>
 * <li>A read ({@link #read}) is not started once the tool call's deadline has passed, and waits for the
 * answer no longer than the deadline allows (nor longer than EASYAPPOINTMENTS_READ_TIMEOUT_MS).</li>
 * <li>A write ({@link #write}) is not started once the deadline has passed, but once started it gets the
 * whole write timeout (EASYAPPOINTMENTS_WRITE_TIMEOUT_MS, longer than a read's): cutting a write short would
 * leave the caller not knowing whether it happened.</li>
 * <li>A clean-up ({@link #cleanup}, withdrawing a booking) is always made, deadline or not, with the write timeout.</li>
 * <li>A write whose answer did not arrive ({@link #writeFailed}: a timeout, a reset or closed connection) has an
 * unknown outcome: {@link WriteOutcomeUnknownException}, which the flows reconcile with reads before answering
 * (routes/reconcile-write.camel.yaml). One that never reached the calendar (connection refused, no pooled
 * connection in time) applied nothing and fails as before.</li>
 * <li>A GET is retried once, at once, when the connection failed (refused, reset, closed before an
 * answer): a read cannot change anything. Not once its deadline has passed, and the retry waits for its answer only
 * what is left of the deadline, so a retried read ends no later than one that was not (the latest answer counts one
 * pool lease and one connect past a read's deadline: LatestAnswer). Nothing else is retried; a POST never is.</li>
 * </ul>
 *
 * The per-request timeout travels from the route's bean step to the HTTP client's request interceptor
 * in a thread-local: camel-http runs the request on the route's thread right after that step, and the
 * interceptor takes the value out, so it never outlives the request.
 */
public class CalendarCalls {

    private static final ThreadLocal<Limit> responseTimeout = new ThreadLocal<>();

    /** The response timeout of the next request: a read's at most {@code timeout}, a write's exactly {@code timeout}. */
    private record Limit(Duration timeout, boolean exact, Deadline deadline) {
    }

    /** The read's deadline, kept in the request's HTTP context for its retry (a context lives for one request). */
    static final String READ_DEADLINE = CalendarCalls.class.getName() + ".readDeadline";

    private final Duration writeTimeout;

    /** Writes keep the HTTP client's configured timeout (tests of the read rules). */
    public CalendarCalls() {
        this(null);
    }

    /** {@code writeTimeout}: how long a POST, PUT or DELETE waits for its answer (null: the client's own timeout). */
    public CalendarCalls(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    /** Before a call inside the breaker: a GET is a read, anything else (POST, PUT, DELETE) a write. */
    public void before(Exchange exchange) {
        if (exchange.getMessage().getHeader(Exchange.HTTP_METHOD) == HttpMethods.GET) {
            read(exchange);
        } else {
            write(exchange);
        }
    }

    /** Before a GET: the caller's deadline bounds both whether it starts and how long it may wait. */
    public void read(Exchange exchange) {
        Deadline deadline = exchange.getProperty(Deadline.PROPERTY, Deadline.class);
        responseTimeout.remove();
        if (deadline == null) {
            return;
        }
        if (deadline.passed()) {
            throw new CalendarSlowException();
        }
        responseTimeout.set(new Limit(deadline.remaining(), false, deadline));
    }

    /** Before a POST or PUT: started only within the deadline, then given the full write timeout. */
    public void write(Exchange exchange) {
        responseTimeout.remove();
        Deadline deadline = exchange.getProperty(Deadline.PROPERTY, Deadline.class);
        if (deadline != null && deadline.passed()) {
            throw new CalendarSlowException();
        }
        writeTimeout();
    }

    /** Before a clean-up DELETE: always made, with the full write timeout. */
    public void cleanup() {
        responseTimeout.remove();
        writeTimeout();
    }

    private void writeTimeout() {
        if (writeTimeout != null) {
            responseTimeout.set(new Limit(writeTimeout, true, null));
        }
    }

    /**
     * A write's HTTP step failed (the calendar write templates' doCatch): refused before anything was sent
     * (connection refused, connect timeout, no pooled connection), the failure as it is; otherwise the request
     * may have been applied, its answer lost: {@link WriteOutcomeUnknownException}.
     */
    public void writeFailed(Exchange exchange, String operation) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure == null) {
            throw new CalendarUnavailableException();
        }
        if (neverSent(failure)) {
            throw failure;
        }
        throw new WriteOutcomeUnknownException(operation, failure);
    }

    /** Refused before the request left: no connection was made (or none came free in the pool). */
    static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof ConnectionRequestTimeoutException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** Adds the deadline and the retry rule to the calendar's HTTP client. */
    public void configure(HttpClientBuilder client) {
        client.addRequestInterceptorFirst(deadlineTimeout());
        client.setRetryStrategy(new RetryFailedConnections());
    }

    static HttpRequestInterceptor deadlineTimeout() {
        return (request, entity, context) -> {
            Limit limit = responseTimeout.get();
            responseTimeout.remove();
            if (limit == null && context.getAttribute(READ_DEADLINE) instanceof Deadline retried) {
                // the retry of a read (the chain runs again): what is left of its deadline
                limit = new Limit(retried.remaining(), false, retried);
            }
            if (limit == null) {
                return;
            }
            if (limit.deadline() != null) {
                context.setAttribute(READ_DEADLINE, limit.deadline());
            }
            HttpClientContext client = HttpClientContext.castOrCreate(context);
            RequestConfig config = client.getRequestConfigOrDefault();
            Timeout configured = config.getResponseTimeout();
            long millis = limit.timeout().toMillis();
            if (limit.exact() || configured == null || configured.isDisabled() || millis < configured.toMilliseconds()) {
                client.setRequestConfig(RequestConfig.copy(config)
                        .setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, millis)))
                        .build());
            }
        };
    }

    /** One immediate retry of a GET whose connection failed before any answer came; nothing else. */
    static final class RetryFailedConnections implements HttpRequestRetryStrategy {

        @Override
        public boolean retryRequest(HttpRequest request, IOException failure, int execCount, HttpContext context) {
            return execCount <= 1 && Method.GET.isSame(request.getMethod()) && connectionFailed(failure)
                    && !deadlinePassed(context);
        }

        /** A read's deadline (none: a read without a budget, retried as before) already spent: the caller is answered. */
        static boolean deadlinePassed(HttpContext context) {
            return context != null && context.getAttribute(READ_DEADLINE) instanceof Deadline deadline && deadline.passed();
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }

        /** Refused, reset or closed: not a timeout (the deadline has been spent then). */
        static boolean connectionFailed(IOException failure) {
            return failure instanceof SocketException
                    || failure instanceof NoHttpResponseException
                    || failure instanceof ConnectionClosedException;
        }
    }
}
