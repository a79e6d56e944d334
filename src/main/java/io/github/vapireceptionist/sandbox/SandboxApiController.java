package io.github.vapireceptionist.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.sandbox.SandboxCalendar.Appointment;
import io.github.vapireceptionist.sandbox.SandboxCalendar.Customer;
import io.github.vapireceptionist.sandbox.SandboxCalendar.Failure;
import io.github.vapireceptionist.sandbox.SandboxCalendar.Provider;
import io.github.vapireceptionist.sandbox.SandboxCalendar.Service;
import io.github.vapireceptionist.sandbox.SandboxCalendar.Setting;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Easy!Appointments REST API v1 over HTTP, served from {@link SandboxCalendar}: same paths,
 * status codes, content types and error shapes as a real 1.5.2, so the app's own calendar client
 * cannot tell the difference. Only present when no EASYAPPOINTMENTS_BASE_URL is set. The default
 * sandbox is at /sandbox/easyappointments; a business of BUSINESSES_FILE without a calendar has its
 * own at /sandbox/{businessId}/easyappointments ({@link SandboxCalendars}).
 */
@RestController
@Conditional(SandboxConfiguration.OnSandboxCalendar.class)
@RequestMapping({SandboxApiController.API_PATH, SandboxApiController.REWRITTEN_API_PATH,
        SandboxApiController.BUSINESS_API_PATH, SandboxApiController.BUSINESS_REWRITTEN_API_PATH})
public class SandboxApiController {

    public static final String BASE_PATH = "/sandbox/easyappointments";
    public static final String API_PATH = BASE_PATH + "/index.php/api/v1";
    /** EA also answers here when its web server rewrites URLs. */
    public static final String REWRITTEN_API_PATH = BASE_PATH + "/api/v1";
    /** A business's own sandbox (its id in the path). */
    public static final String BUSINESS_BASE_PATH = "/sandbox/{businessId}/easyappointments";
    public static final String BUSINESS_API_PATH = BUSINESS_BASE_PATH + "/index.php/api/v1";
    public static final String BUSINESS_REWRITTEN_API_PATH = BUSINESS_BASE_PATH + "/api/v1";

    static final String NOT_AUTHORIZED = "You are not authorized to use the API.";
    private static final MediaType HTML = MediaType.parseMediaType("text/html; charset=UTF-8");
    private static final String ID = "{id:\\d+}";
    private static final Logger log = LoggerFactory.getLogger(SandboxApiController.class);

    /** The request attribute the handlers read the calendar of the path from, once its caller is let in. */
    static final String CALENDAR = "sandboxCalendar";

    private final SandboxCalendars sandboxes;
    private final ObjectMapper json;

    @Autowired
    SandboxApiController(SandboxCalendars sandboxes, ObjectMapper json) {
        this.sandboxes = sandboxes;
        this.json = json;
    }

    /** The default sandbox alone. */
    SandboxApiController(SandboxCalendar calendar, SandboxCredentials credentials, ObjectMapper json) {
        this(SandboxCalendars.only(new SandboxCalendars.Sandbox(calendar, credentials)), json);
    }

    /**
     * Runs before every handler below, as Api::auth() runs in every EA API controller's constructor: the sandbox of
     * the path (a business without one: 404, as for any path EA does not have), opened by its own credentials only.
     */
    @ModelAttribute
    void authenticate(@PathVariable(required = false) String businessId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) {
        SandboxCalendars.Sandbox sandbox = sandboxes.of(businessId).orElseThrow(NoSuchSandbox::new);
        if (!sandbox.credentials().accepts(authorization)) {
            throw new NotAuthorized();
        }
        request.setAttribute(CALENDAR, sandbox.calendar());
    }

    @GetMapping("/availabilities")
    ResponseEntity<List<String>> availabilities(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @RequestParam(required = false) String providerId,
                                @RequestParam(required = false) String serviceId,
                                @RequestParam(required = false) String date) {
        return json(calendar.availableHours(providerId, serviceId, date));
    }

    // ---- customers ----

    @GetMapping("/customers")
    ResponseEntity<List<Customer>> customers(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @RequestParam Map<String, String> query) {
        return json(calendar.customers(query));
    }

    @GetMapping("/customers/" + ID)
    ResponseEntity<Customer> customer(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String id) {
        return found(calendar.customer(id(id)));
    }

    @PostMapping("/customers")
    ResponseEntity<Customer> createCustomer(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false)
                                            String contentType, @RequestBody(required = false) byte[] body) {
        Map<String, Object> fields = payload(contentType, body, "Customers", "$customer", 116);
        return json(HttpStatus.CREATED, calendar.createCustomer(fields));
    }

    @PutMapping("/customers/" + ID)
    ResponseEntity<Customer> updateCustomer(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false)
                                            String contentType, @RequestBody(required = false) byte[] body) {
        if (calendar.customer(id(id)).isEmpty()) {
            return notFound();
        }
        Map<String, Object> fields = payload(contentType, body, "Customers", "$customer", 156);
        return found(calendar.updateCustomer(id(id), fields));
    }

    @DeleteMapping("/customers/" + ID)
    ResponseEntity<Void> deleteCustomer(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String id) {
        return deleted(calendar.deleteCustomer(id(id)));
    }

    // ---- appointments ----

    @GetMapping("/appointments")
    ResponseEntity<List<Appointment>> appointments(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @RequestParam Map<String, String> query) {
        return json(calendar.appointments(query));
    }

    @GetMapping("/appointments/" + ID)
    ResponseEntity<Appointment> appointment(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String id) {
        return found(calendar.appointment(id(id)));
    }

    @PostMapping("/appointments")
    ResponseEntity<Appointment> createAppointment(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false)
                                                  String contentType, @RequestBody(required = false) byte[] body) {
        Map<String, Object> fields = payload(contentType, body, "Appointments", "$appointment", 213);
        return json(HttpStatus.CREATED, calendar.createAppointment(fields));
    }

    @PutMapping("/appointments/" + ID)
    ResponseEntity<Appointment> updateAppointment(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String id,
                                                  @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false)
                                                  String contentType, @RequestBody(required = false) byte[] body) {
        if (calendar.appointment(id(id)).isEmpty()) {
            return notFound();
        }
        Map<String, Object> fields = payload(contentType, body, "Appointments", "$appointment", 299);
        return found(calendar.updateAppointment(id(id), fields));
    }

    @DeleteMapping("/appointments/" + ID)
    ResponseEntity<Void> deleteAppointment(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String id) {
        return deleted(calendar.deleteAppointment(id(id)));
    }

    // ---- services, providers, settings ----

    @GetMapping("/services")
    ResponseEntity<List<Service>> services(@RequestAttribute(CALENDAR) SandboxCalendar calendar) {
        return json(calendar.services());
    }

    @GetMapping("/services/" + ID)
    ResponseEntity<Service> service(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String id) {
        return found(calendar.service(id(id)));
    }

    @GetMapping("/providers")
    ResponseEntity<List<Provider>> providers(@RequestAttribute(CALENDAR) SandboxCalendar calendar) {
        return json(calendar.providers());
    }

    @GetMapping("/providers/" + ID)
    ResponseEntity<Provider> provider(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String id) {
        return found(calendar.provider(id(id)));
    }

    @GetMapping("/settings")
    ResponseEntity<List<Setting>> settings(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @RequestParam Map<String, String> query) {
        return json(calendar.settings(query));
    }

    @GetMapping("/settings/{name}")
    ResponseEntity<Setting> setting(@RequestAttribute(CALENDAR) SandboxCalendar calendar, @PathVariable String name) {
        return json(calendar.setting(name));
    }

    // ---- how EA answers ----

    @ExceptionHandler(NotAuthorized.class)
    ResponseEntity<String> notAuthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Easy!Appointments\"")
                .contentType(HTML)
                .body(NOT_AUTHORIZED);
    }

    @ExceptionHandler(NoSuchSandbox.class)
    ResponseEntity<Void> noSuchSandbox() {
        return notFound();
    }

    @ExceptionHandler(Failure.class)
    ResponseEntity<Map<String, Object>> failure(Failure failure) {
        return serverError(failure.getMessage());
    }

    // EA catches every Throwable into the same 500 shape (json_exception).
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> unexpected(RuntimeException failure) {
        log.warn("Sandbox calendar failed unexpectedly", failure);
        return serverError(String.valueOf(failure.getMessage()));
    }

    private static ResponseEntity<Map<String, Object>> serverError(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("message", message);
        return json(HttpStatus.INTERNAL_SERVER_ERROR, body);
    }

    private static <T> ResponseEntity<T> json(T body) {
        return json(HttpStatus.OK, body);
    }

    // EA answers JSON whatever the Accept header says; a preset Content-Type skips content negotiation.
    private static <T> ResponseEntity<T> json(HttpStatus status, T body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static <T> ResponseEntity<T> found(Optional<T> record) {
        return record.map(SandboxApiController::json).orElseGet(SandboxApiController::notFound);
    }

    // response('', 404): an empty body, PHP's default text/html content type
    private static <T> ResponseEntity<T> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML).build();
    }

    private static ResponseEntity<Void> deleted(boolean deleted) {
        return deleted ? ResponseEntity.noContent().build() : notFound();
    }

    private static int id(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLarge) {
            return -1; // no record has it
        }
    }

    /**
     * The request body as EA's request() sees it: JSON only when the Content-Type says
     * application/json; any other body reads as no fields at all. A JSON body that is not an
     * object fails the model's api_decode(array) signature, as in PHP.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> payload(String contentType, byte[] body, String resource, String parameter,
                                        int line) {
        if (contentType == null || !contentType.contains(MediaType.APPLICATION_JSON_VALUE)) {
            return Map.of();
        }
        Object decoded = null;
        if (body != null && body.length > 0) {
            try {
                decoded = json.readValue(body, Object.class);
            } catch (IOException malformed) {
                decoded = null; // json_decode() gives null
            }
        }
        if (decoded instanceof Map<?, ?> object) {
            return (Map<String, Object>) object;
        }
        if (decoded instanceof List<?>) {
            return Map.of(); // a PHP list has no named fields
        }
        throw new Failure(resource + "_model::api_decode(): Argument #1 (" + parameter
                + ") must be of type array, " + phpType(decoded) + " given, called in "
                + "/var/www/html/application/controllers/api/v1/" + resource + "_api_v1.php on line " + line);
    }

    private static String phpType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return "int";
        }
        return value instanceof Number ? "float" : "string";
    }

    static final class NotAuthorized extends RuntimeException {
        NotAuthorized() {
            super(NOT_AUTHORIZED, null, false, false);
        }
    }

    static final class NoSuchSandbox extends RuntimeException {
        NoSuchSandbox() {
            super("no sandbox calendar at this path", null, false, false);
        }
    }
}
