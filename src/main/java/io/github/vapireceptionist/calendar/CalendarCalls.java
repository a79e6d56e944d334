package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.core.Deadline;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ConnectionClosedException;
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
 * whole read timeout: cutting a write short would leave the caller not knowing whether it happened.</li>
 * <li>A clean-up ({@link #cleanup}, withdrawing a booking) is always made, deadline or not.</li>
 * <li>A GET is retried once, at once, when the connection failed (refused, reset, closed before an
 * answer): a read cannot change anything. Nothing else is retried; a POST never is.</li>
 * </ul>
 *
 * The per-request timeout travels from the route's bean step to the HTTP client's request interceptor
 * in a thread-local: camel-http runs the request on the route's thread right after that step, and the
 * interceptor takes the value out, so it never outlives the request.
 */
public class CalendarCalls {

    private static final ThreadLocal<Duration> responseTimeout = new ThreadLocal<>();

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
        responseTimeout.set(deadline.remaining());
    }

    /** Before a POST or PUT: started only within the deadline, then given the full timeout. */
    public void write(Exchange exchange) {
        responseTimeout.remove();
        Deadline deadline = exchange.getProperty(Deadline.PROPERTY, Deadline.class);
        if (deadline != null && deadline.passed()) {
            throw new CalendarSlowException();
        }
    }

    /** Before a clean-up DELETE: always made, with the full timeout. */
    public void cleanup() {
        responseTimeout.remove();
    }

    /** Adds the deadline and the retry rule to the calendar's HTTP client. */
    public void configure(HttpClientBuilder client) {
        client.addRequestInterceptorFirst(deadlineTimeout());
        client.setRetryStrategy(new RetryFailedConnections());
    }

    static HttpRequestInterceptor deadlineTimeout() {
        return (request, entity, context) -> {
            Duration limit = responseTimeout.get();
            responseTimeout.remove();
            if (limit == null) {
                return;
            }
            HttpClientContext client = HttpClientContext.castOrCreate(context);
            RequestConfig config = client.getRequestConfigOrDefault();
            Timeout configured = config.getResponseTimeout();
            if (configured == null || configured.isDisabled() || limit.toMillis() < configured.toMilliseconds()) {
                client.setRequestConfig(RequestConfig.copy(config)
                        .setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, limit.toMillis())))
                        .build());
            }
        };
    }

    /** One immediate retry of a GET whose connection failed before any answer came; nothing else. */
    static final class RetryFailedConnections implements HttpRequestRetryStrategy {

        @Override
        public boolean retryRequest(HttpRequest request, IOException failure, int execCount, HttpContext context) {
            return execCount <= 1 && Method.GET.isSame(request.getMethod()) && connectionFailed(failure);
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
