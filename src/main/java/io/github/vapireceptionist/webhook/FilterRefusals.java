package io.github.vapireceptionist.webhook;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How the servlet filters in front of the webhook refuse a request: the same small JSON error as
 * the route's answers, {@code {"error":"..."}}, with its length, flushed at once, and the
 * connection closed, since the body of a refused request is never read.
 */
final class FilterRefusals {

    private FilterRefusals() {
    }

    static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        byte[] body = ("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
