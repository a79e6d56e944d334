package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.ops.IpRanges;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * WEBHOOK_ALLOWED_IPS: when set, the webhook answers only clients in those ranges (Vapi's egress
 * addresses) and refuses everyone else with 403 before anything is read. The client address is
 * the one Tomcat reports, so behind a proxy it is the forwarded one only when the proxy is in
 * TRUSTED_PROXIES. Health and the other paths are not restricted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class WebhookAllowlistFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebhookAllowlistFilter.class);

    private final IpRanges allowed;

    public WebhookAllowlistFilter(WebhookProperties webhook) {
        this.allowed = webhook.allowedIpRanges();
        if (!allowed.isEmpty()) {
            log.info("The webhook answers only clients in {}", allowed);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return allowed.isEmpty() || !WebhookPath.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed.contains(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        log.debug("Webhook request from {} refused: not in WEBHOOK_ALLOWED_IPS", request.getRemoteAddr());
        FilterRefusals.refuse(response, HttpServletResponse.SC_FORBIDDEN, "forbidden");
    }
}
