package io.github.vapireceptionist.webhook;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a flood cheap: a client that has used up its failed-authentication budget
 * (FailedAuthentications) and whose headers cannot authenticate it anyway (no valid secret, no
 * plausible signature) gets 429 at once, without waiting for its body, buffering it or creating
 * an exchange; the connection is then closed (Tomcat discards what body still arrives, up to its
 * swallow limit, so that the client sees the answer). Whatever could authenticate goes on to the
 * route, which stays the one place that decides.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
public class FailedAuthenticationFilter extends OncePerRequestFilter {

    private final FailedAuthentications failures;
    private final WebhookAuthentication authenticator;

    public FailedAuthenticationFilter(FailedAuthentications failures, WebhookAuthentication authenticator) {
        this.failures = failures;
        this.authenticator = authenticator;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && WebhookPath.matches(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Headers first: they cost nothing, while the failure count may be a Redis round trip (shared store),
        // which Vapi's authenticated traffic, nearly every request, then never waits for.
        if (authenticator.couldAuthenticate(request)) {
            chain.doFilter(request, response);
            return;
        }
        OptionalLong retryAfter = failures.exhausted(request.getRemoteAddr());
        if (retryAfter.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
        FilterRefusals.refuse(response, 429, "too many requests");
    }
}
