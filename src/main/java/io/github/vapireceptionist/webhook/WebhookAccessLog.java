package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.webhook.Correlation;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The access log of webhook requests, for security auditing: one {@code webhook_request} line per request
 * to /api/webhooks/ (refused ones included: 401, 405, 411, 413) on the "access" logger, which
 * logback-spring.xml writes to ACCESS_LOG_DIR and keeps ACCESS_LOG_MAX_DAYS days. Time, client IP,
 * method, path, status, latency, correlation and call id; never a body, a query string or a header.
 * Webhook exchanges are answered within the servlet call (webhook.WebhookThreads); a request that went
 * asynchronous all the same gets its line when it completes, not when this filter returns.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class WebhookAccessLog extends OncePerRequestFilter {

    static final String LOGGER = "access";
    private static final String WEBHOOKS = "/api/webhooks/";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(WEBHOOKS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Completion(started));
            } else {
                write(request, response, started);
            }
        }
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, long started) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Correlation.Ids ids = request.getAttribute(Correlation.IDS_ATTRIBUTE) instanceof Correlation.Ids given ? given : null;
        log.atInfo()
                .addKeyValue("client_ip", request.getRemoteAddr())
                .addKeyValue("method", request.getMethod())
                .addKeyValue("path", request.getRequestURI())
                .addKeyValue("status", response.getStatus())
                .addKeyValue("duration_ms", millis)
                .addKeyValue(Correlation.CORRELATION_ID, ids == null ? null : ids.correlationId())
                .addKeyValue(Correlation.CALL_ID, ids == null ? null : ids.callId())
                .addKeyValue(Correlation.BUSINESS_ID, ids == null ? null : ids.businessId())
                .log("webhook_request {} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(), millis);
    }

    private static final class Completion implements AsyncListener {

        private final long started;

        Completion(long started) {
            this.started = started;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            write((HttpServletRequest) event.getSuppliedRequest(), (HttpServletResponse) event.getSuppliedResponse(), started);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
