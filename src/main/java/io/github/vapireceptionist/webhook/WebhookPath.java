package io.github.vapireceptionist.webhook;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request is for the webhook, judged on the path as Tomcat decoded and normalised it:
 * {@code /api/webhooks/vapi;x=1} and {@code /api/webhooks/%76api} reach the webhook route too, so
 * the raw request URI must not decide whether the filters in front of it apply. Every path below the
 * webhook's counts too: with BUSINESSES_FILE the route also answers {@code /api/webhooks/vapi/{businessId}}.
 */
final class WebhookPath {

    static final String PATH = "/api/webhooks/vapi";
    private static final String BELOW = PATH + "/";

    private WebhookPath() {
    }

    static boolean matches(HttpServletRequest request) {
        String path = path(request);
        return PATH.equals(path) || path.startsWith(BELOW);
    }

    /**
     * What follows {@code /api/webhooks/vapi/}: the business the path names (any text, checked against the
     * businesses' ids by the caller); null for the webhook's own path.
     */
    static String businessId(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        String path = path(request);
        return path.startsWith(BELOW) ? path.substring(BELOW.length()) : null;
    }

    private static String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }
}
