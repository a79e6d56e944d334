package io.github.vapireceptionist.webhook;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request is for the webhook, judged on the path as Tomcat decoded and normalised it:
 * {@code /api/webhooks/vapi;x=1} and {@code /api/webhooks/%76api} reach the webhook route too, so
 * the raw request URI must not decide whether the filters in front of it apply.
 */
final class WebhookPath {

    static final String PATH = "/api/webhooks/vapi";

    private WebhookPath() {
    }

    static boolean matches(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return PATH.equals(pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo);
    }
}
