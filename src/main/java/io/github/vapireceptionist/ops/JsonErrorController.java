package io.github.vapireceptionist.ops;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error the servlet container or Spring MVC answers (an unknown path, a wrong method, a
 * filter's sendError) gets the same small body as the webhook's own errors, {@code {"error":"not
 * found"}}, as JSON whatever the Accept header says: no timestamp, path, exception name or trace.
 * Replaces Spring Boot's BasicErrorController. A 405 keeps the Allow header Spring MVC set.
 */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<String> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        String reason = status.getReasonPhrase().toLowerCase(Locale.ROOT);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body("{\"error\":\"" + reason + "\"}");
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            return HttpStatus.NOT_FOUND; // /error asked for directly: there is nothing there
        }
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
