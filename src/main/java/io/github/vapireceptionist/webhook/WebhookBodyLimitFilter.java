package io.github.vapireceptionist.webhook;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a webhook body larger than the cap (real Vapi bodies are ~50 KB) with 413, before
 * anything reads it; a POST without a Content-Length (chunked) gets 411, since its size cannot be
 * checked up front. Vapi always sends a Content-Length.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class WebhookBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public WebhookBodyLimitFilter(@Value("${webhook.max-body-bytes:2097152}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && WebhookPath.matches(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length < 0) {
            FilterRefusals.refuse(response, HttpServletResponse.SC_LENGTH_REQUIRED, "a Content-Length is required");
            return;
        }
        if (length > maxBytes) {
            FilterRefusals.refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "the body is larger than " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(request, response);
    }
}
