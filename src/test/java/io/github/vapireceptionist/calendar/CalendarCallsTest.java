package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.core.Deadline;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalendarCallsTest {

    private final CalendarCalls calls = new CalendarCalls();
    private final CalendarCalls.RetryFailedConnections retry = new CalendarCalls.RetryFailedConnections();

    @Test
    void aReadAfterTheDeadlineIsNotStarted() {
        Exchange exchange = exchangeWith(new Deadline(System.nanoTime() - 1));

        assertThatThrownBy(() -> calls.read(exchange)).isInstanceOf(CalendarSlowException.class)
                .hasMessage(CalendarSlowException.SENTENCE);
        assertThatThrownBy(() -> calls.write(exchange)).isInstanceOf(CalendarSlowException.class);
    }

    @Test
    void aReadWaitsNoLongerThanTheDeadlineAllows() throws Exception {
        calls.read(exchangeWith(Deadline.in(Duration.ofMillis(800))));

        assertThat(responseTimeoutAfterInterceptor(5_000)).isBetween(1L, 800L);
    }

    @Test
    void theConfiguredTimeoutStaysWhenItIsShorterThanTheDeadline() throws Exception {
        calls.read(exchangeWith(Deadline.in(Duration.ofSeconds(30))));

        assertThat(responseTimeoutAfterInterceptor(2_500)).isEqualTo(2_500L);
    }

    @Test
    void aWriteAndACleanUpGetTheFullTimeout() throws Exception {
        calls.write(exchangeWith(Deadline.in(Duration.ofMillis(300))));
        assertThat(responseTimeoutAfterInterceptor(2_500)).isEqualTo(2_500L);

        calls.read(exchangeWith(Deadline.in(Duration.ofMillis(300))));
        calls.cleanup();
        assertThat(responseTimeoutAfterInterceptor(2_500)).isEqualTo(2_500L);
    }

    /** The calendar-call template's rule: a GET is bounded by the deadline, a POST, PUT or DELETE is not. */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
    void beforeACallAGetIsAReadAndAnythingElseAWrite(String method) throws Exception {
        Exchange exchange = exchangeWith(Deadline.in(Duration.ofMillis(300)));
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));

        calls.before(exchange);

        long timeout = responseTimeoutAfterInterceptor(2_500);
        if ("GET".equals(method)) {
            assertThat(timeout).isBetween(1L, 300L);
        } else {
            assertThat(timeout).isEqualTo(2_500L);
        }
        Exchange late = exchangeWith(new Deadline(System.nanoTime() - 1));
        late.getMessage().setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));
        assertThatThrownBy(() -> calls.before(late)).as("not started after the deadline").isInstanceOf(CalendarSlowException.class);
    }

    @Test
    void theDeadlineAppliesToOneRequestOnly() throws Exception {
        calls.read(exchangeWith(Deadline.in(Duration.ofMillis(500))));
        responseTimeoutAfterInterceptor(2_500);

        assertThat(responseTimeoutAfterInterceptor(2_500)).as("the next request on this thread").isEqualTo(2_500L);
    }

    /**
     * A read whose request never went out (the breaker was open) leaves its value on the thread, a pooled one
     * too (book-appointment's lookup threads): the next call on that thread sets or clears it before its request.
     */
    @Test
    void aDeadlineLeftByARequestThatNeverWentOutIsNotAppliedToTheNextCall() throws Exception {
        calls.read(exchangeWith(Deadline.in(Duration.ofMillis(300))));
        calls.read(exchangeWith(null));
        assertThat(responseTimeoutAfterInterceptor(2_500)).as("after a read without a budget").isEqualTo(2_500L);

        calls.read(exchangeWith(Deadline.in(Duration.ofMillis(300))));
        calls.write(exchangeWith(Deadline.in(Duration.ofSeconds(30))));
        assertThat(responseTimeoutAfterInterceptor(2_500)).as("after a write").isEqualTo(2_500L);
    }

    @Test
    void withoutABudgetACallIsMadeWithTheConfiguredTimeout() throws Exception {
        calls.read(exchangeWith(null));

        assertThat(responseTimeoutAfterInterceptor(2_500)).isEqualTo(2_500L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refused", "reset", "no response", "closed"})
    void aGetWhoseConnectionFailedIsRetriedOnce(String failure) {
        IOException cause = switch (failure) {
            case "refused" -> new ConnectException("Connection refused");
            case "reset" -> new SocketException("Connection reset");
            case "no response" -> new NoHttpResponseException("127.0.0.1:1 failed to respond");
            default -> new ConnectionClosedException("Connection closed");
        };

        assertThat(retry.retryRequest(new BasicHttpRequest("GET", "/appointments"), cause, 1, null)).isTrue();
        assertThat(retry.retryRequest(new BasicHttpRequest("GET", "/appointments"), cause, 2, null)).as("only once").isFalse();
        assertThat(retry.retryRequest(new BasicHttpRequest("POST", "/appointments"), cause, 1, null)).as("a POST").isFalse();
        assertThat(retry.retryRequest(new BasicHttpRequest("DELETE", "/appointments/1"), cause, 1, null)).as("a DELETE").isFalse();
    }

    /** A retry runs the interceptor again on the same context: its answer may take only what is left of the deadline. */
    @Test
    void aRetriedReadWaitsOnlyWhatIsLeftOfItsDeadline() throws Exception {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(2_500)).build());
        Deadline deadline = Deadline.in(Duration.ofMillis(800));
        calls.read(exchangeWith(deadline));
        CalendarCalls.deadlineTimeout().process(new BasicHttpRequest("GET", "/appointments"), null, context);
        long first = context.getRequestConfigOrDefault().getResponseTimeout().toMilliseconds();

        await().atMost(Duration.ofSeconds(5)).until(() -> deadline.remaining().toMillis() <= 500);    // the first try's time, spent
        CalendarCalls.deadlineTimeout().process(new BasicHttpRequest("GET", "/appointments"), null, context);
        long retried = context.getRequestConfigOrDefault().getResponseTimeout().toMilliseconds();

        assertThat(first).isBetween(1L, 800L);
        assertThat(retried).isBetween(1L, 500L);
    }

    @Test
    void aReadWhoseDeadlineHasPassedIsNotRetried() throws Exception {
        SocketException reset = new SocketException("Connection reset");
        BasicHttpRequest get = new BasicHttpRequest("GET", "/appointments");
        HttpClientContext late = HttpClientContext.create();
        Deadline soon = Deadline.in(Duration.ofMillis(50));
        calls.read(exchangeWith(soon));
        CalendarCalls.deadlineTimeout().process(get, null, late);
        HttpClientContext inTime = HttpClientContext.create();
        calls.read(exchangeWith(Deadline.in(Duration.ofSeconds(30))));
        CalendarCalls.deadlineTimeout().process(get, null, inTime);

        await().atMost(Duration.ofSeconds(5)).until(soon::passed);

        assertThat(retry.retryRequest(get, reset, 1, late)).as("past its deadline").isFalse();
        assertThat(retry.retryRequest(get, reset, 1, inTime)).as("within it").isTrue();
        assertThat(retry.retryRequest(get, reset, 1, HttpClientContext.create())).as("a read without a budget").isTrue();
    }

    @Test
    void aTimeoutIsNeverRetriedForTheBudgetIsSpent() {
        BasicHttpRequest get = new BasicHttpRequest("GET", "/availabilities");

        assertThat(retry.retryRequest(get, new SocketTimeoutException("Read timed out"), 1, null)).isFalse();
        assertThat(retry.retryRequest(get, new ConnectTimeoutException("Connect timed out"), 1, null)).isFalse();
    }

    private static long responseTimeoutAfterInterceptor(long configuredMs) throws Exception {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(configuredMs)).build());
        CalendarCalls.deadlineTimeout().process(new BasicHttpRequest("GET", "/availabilities"), null, context);
        return context.getRequestConfigOrDefault().getResponseTimeout().toMilliseconds();
    }

    /** One context for all: building one per exchange took longer than a 300 ms deadline on a loaded machine. */
    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    @Test
    void aWriteWaitsTheWriteTimeoutLongerThanAReads() throws Exception {
        CalendarCalls withWriteTimeout = new CalendarCalls(Duration.ofMillis(4_000));

        withWriteTimeout.write(exchangeWith(Deadline.in(Duration.ofMillis(300))));
        assertThat(responseTimeoutAfterInterceptor(2_500)).isEqualTo(4_000L);
        withWriteTimeout.cleanup();
        assertThat(responseTimeoutAfterInterceptor(2_500)).isEqualTo(4_000L);
        withWriteTimeout.read(exchangeWith(Deadline.in(Duration.ofSeconds(30))));
        assertThat(responseTimeoutAfterInterceptor(2_500)).as("a read keeps its own").isEqualTo(2_500L);
    }

    /** Sent and its answer lost: unknown. Never sent (refused, no connection in time): the failure as it is. */
    @ParameterizedTest
    @ValueSource(strings = {"timeout", "reset", "no response", "closed", "refused", "connect timeout"})
    void aWriteWhoseAnswerIsLostHasAnUnknownOutcomeAndOneNeverSentDoesNot(String failure) {
        IOException cause = switch (failure) {
            case "timeout" -> new SocketTimeoutException("Read timed out");
            case "reset" -> new SocketException("Connection reset");
            case "no response" -> new NoHttpResponseException("failed to respond");
            case "closed" -> new ConnectionClosedException("closed");
            case "refused" -> new ConnectException("Connection refused");
            default -> new ConnectTimeoutException("connect timed out");
        };
        Exchange exchange = exchangeWith(null);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);

        if (failure.equals("refused") || failure.equals("connect timeout")) {
            assertThatThrownBy(() -> calls.writeFailed(exchange, "create-appointment")).isSameAs(cause);
        } else {
            assertThatThrownBy(() -> calls.writeFailed(exchange, "create-appointment"))
                    .isInstanceOf(WriteOutcomeUnknownException.class)
                    .hasMessage(CalendarSlowException.SENTENCE)
                    .hasCause(cause);
        }
    }

    private static Exchange exchangeWith(Deadline deadline) {
        Exchange exchange = new DefaultExchange(CAMEL);
        if (deadline != null) {
            exchange.setProperty(Deadline.PROPERTY, deadline);
        }
        return exchange;
    }
}
