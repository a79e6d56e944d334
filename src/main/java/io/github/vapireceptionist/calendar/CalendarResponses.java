package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.app.PiiMasking;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what Easy!Appointments answered. Success is 200 (201 on create) with JSON, 204 on delete; every other
 * answer to a read (500 JSON, 401 HTML, 404 empty, garbage) is logged for the operator and becomes a
 * {@link CalendarUnavailableException}: the calendar's own words never reach a caller. A write answered 2xx was
 * applied (or may have been): a delete is done whatever its body, and a create or update whose answer cannot be read
 * (a PHP notice printed before the JSON, a proxy's own 200 page) has an unknown outcome
 * ({@link WriteOutcomeUnknownException}), never "the calendar can't be reached".
 */
public class CalendarResponses {

    private static final Logger log = LoggerFactory.getLogger(CalendarResponses.class);
    private static final TypeReference<List<String>> SLOTS = new TypeReference<>() { };
    private static final TypeReference<List<CalendarCustomer>> CUSTOMERS = new TypeReference<>() { };
    private static final TypeReference<List<CalendarAppointment>> APPOINTMENTS = new TypeReference<>() { };
    private static final TypeReference<CalendarCustomer> CUSTOMER = new TypeReference<>() { };
    private static final TypeReference<CalendarAppointment> APPOINTMENT = new TypeReference<>() { };
    private static final TypeReference<CustomerRecord> CUSTOMER_RECORD = new TypeReference<>() { };
    private static final TypeReference<List<AppointmentRecord>> APPOINTMENT_RECORDS = new TypeReference<>() { };
    private static final TypeReference<CalendarService> SERVICE = new TypeReference<>() { };
    private static final TypeReference<List<ServiceRecord>> SERVICES = new TypeReference<>() { };
    private static final TypeReference<List<ProviderRecord>> PROVIDERS = new TypeReference<>() { };
    private static final int LOGGED_BODY_CHARS = 200;
    private static final Pattern SLOT = Pattern.compile("\\d{2}:\\d{2}");

    private final ObjectMapper json;

    public CalendarResponses(ObjectMapper json) {
        this.json = json;
    }

    /** The operations that change the calendar: a 5xx without the calendar's own JSON error leaves their outcome unknown. */
    static final Set<String> WRITES = Set.of("create-customer", "update-customer", "delete-customer", "create-appointment",
            "delete-appointment");

    /** How the operator's log names a create or update. */
    private static final Map<String, String> DESCRIBED = Map.of("create-customer", "customer create",
            "update-customer", "customer update", "create-appointment", "appointment create");

    /** Called by the calendar-call templates after the HTTP step: the answer of each operation as its value. */
    public Object read(Exchange exchange, String operation) {
        if (WRITES.contains(operation)) {
            refusedOrUnknown(exchange, operation);
        }
        return switch (operation) {
            case "appointment" -> appointment(exchange);
            case "availabilities" -> slots(exchange);
            case "customers" -> customers(exchange);
            case "appointments" -> appointments(exchange);
            case "customer" -> customerRecord(exchange);
            case "customer-appointments" -> appointmentRecords(exchange);
            case "service" -> service(exchange);
            case "services" -> read(expect(exchange, "services", 200), SERVICES, "services");
            case "providers" -> providers(exchange);
            case "create-customer" -> createdCustomer(exchange);
            case "update-customer" -> updatedCustomer(exchange);
            case "create-appointment" -> createdAppointment(exchange);
            case "delete-customer" -> deletedCustomer(exchange);
            case "delete-appointment" -> {
                deleted(exchange);
                yield null;
            }
            default -> throw new IllegalArgumentException("no calendar operation " + operation);
        };
    }

    /**
     * Easy!Appointments answers its own failures as 500 with {@code {"success":false,...}}: a definite refusal, nothing
     * applied (read on as before). Any other 5xx (a proxy's 502/503/504, an HTML error page) says nothing about
     * whether the write reached the calendar and was applied: its outcome is unknown.
     */
    private void refusedOrUnknown(Exchange exchange, String operation) {
        int status = status(exchange);
        if (status < 500) {
            return;
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(body);
        if (!calendarsOwnError(body)) {
            log.warn("calendar_write_unknown operation={} status={}: not the calendar's own error, it may have been applied",
                    operation, status);
            throw new WriteOutcomeUnknownException(operation, null);
        }
    }

    private boolean emptyOrJson(byte[] body) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return true;
        }
        try {
            json.readTree(body);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean calendarsOwnError(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : json.readTree(body);
            return node != null && node.isObject() && node.path("success").isBoolean() && !node.get("success").asBoolean();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** One appointment by id; null when there is none (404: never made, or deleted). */
    public CalendarAppointment appointment(Exchange exchange) {
        if (status(exchange) == 404) {
            exchange.getMessage().setBody(null);
            return null;
        }
        return read(expect(exchange, "appointment", 200), APPOINTMENT, "appointment");
    }

    public List<String> slots(Exchange exchange) {
        byte[] body = expect(exchange, "availabilities", 200);
        try {
            List<String> slots = json.readValue(body, SLOTS);
            if (slots == null || slots.stream().anyMatch(s -> s == null || !SLOT.matcher(s).matches())) {
                throw new IOException("not a list of HH:MM times");
            }
            return slots;
        } catch (IOException e) {
            log.warn("Calendar answered availabilities with unreadable JSON: {}", excerpt(body));
            throw new CalendarUnavailableException();
        }
    }

    public List<CalendarCustomer> customers(Exchange exchange) {
        return read(expect(exchange, "customer lookup", 200), CUSTOMERS, "customer lookup");
    }

    public List<CalendarAppointment> appointments(Exchange exchange) {
        return read(expect(exchange, "appointment list", 200), APPOINTMENTS, "appointment list");
    }

    /** The whole customer record; null when there is no such customer (404). */
    public CustomerRecord customerRecord(Exchange exchange) {
        if (status(exchange) == 404) {
            exchange.getMessage().setBody(null);
            return null;
        }
        return read(expect(exchange, "customer", 200), CUSTOMER_RECORD, "customer");
    }

    public List<AppointmentRecord> appointmentRecords(Exchange exchange) {
        return read(expect(exchange, "customer appointments", 200), APPOINTMENT_RECORDS, "customer appointments");
    }

    public CalendarService service(Exchange exchange) {
        return read(expect(exchange, "service", 200), SERVICE, "service");
    }

    /**
     * The providers' records hold their CalDAV password and Google token: an answer that cannot be read is
     * logged by its length only, never by an excerpt.
     */
    public List<ProviderRecord> providers(Exchange exchange) {
        byte[] body = expect(exchange, "providers", 200);
        try {
            List<ProviderRecord> providers = json.readValue(body, PROVIDERS);
            if (providers == null) {
                throw new IOException("empty answer");
            }
            return providers;
        } catch (IOException e) {
            log.warn("Calendar answered providers with unreadable JSON ({} bytes; not logged: it may hold provider secrets)",
                    body.length);
            throw new CalendarUnavailableException();
        }
    }

    /** 201 with the appointment; any other 2xx, or one whose appointment cannot be read, may have made it. */
    public CalendarAppointment createdAppointment(Exchange exchange) {
        return written(exchange, "create-appointment", 201, APPOINTMENT, appointment -> appointment.id() > 0);
    }

    public CalendarCustomer updatedCustomer(Exchange exchange) {
        return written(exchange, "update-customer", 200, CUSTOMER, customer -> customer.id() > 0);
    }

    /** 201 with the customer; a duplicate email (a concurrent create) is its own outcome. */
    public CalendarCustomer createdCustomer(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status == 500) {
            byte[] body = exchange.getMessage().getBody(byte[].class);
            exchange.getMessage().setBody(body);
            if (calendarMessage(body).contains("already in use")) {
                throw new EmailAlreadyInUseException();
            }
        }
        return written(exchange, "create-customer", 201, CUSTOMER, customer -> customer.id() > 0);
    }

    /**
     * The answer to a create or update. A 2xx means the calendar applied it, or may have: only the record it answers
     * says what was made, so one that cannot be read (or holds no id) leaves the outcome unknown, exactly like a lost
     * answer, and the flows find out with reads (routes/reconcile-write.camel.yaml). Anything else as before.
     */
    private <T> T written(Exchange exchange, String operation, int expectedStatus, TypeReference<T> type, Predicate<T> complete) {
        int status = status(exchange);
        String described = DESCRIBED.get(operation);
        if (status < 200 || status > 299) {
            return read(expect(exchange, described, expectedStatus), type, described);
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(body);
        try {
            T value = body == null || body.length == 0 ? null : json.readValue(body, type);
            if (value != null && complete.test(value)) {
                return value;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: said below
        }
        log.warn("calendar_write_unknown operation={} status={}: a success whose answer cannot be read, it may have been "
                + "applied: {}", operation, status, excerpt(body));
        throw new WriteOutcomeUnknownException(operation, null);
    }

    /** 204, or 404 when it is already gone (a repeated delete): either way it no longer exists. */
    public void deleted(Exchange exchange) {
        gone(exchange, "appointment delete");
    }

    /** As {@link #deleted}: true when this call deleted the customer, false when they were already gone. */
    public boolean deletedCustomer(Exchange exchange) {
        return gone(exchange, "customer delete");
    }

    /**
     * Done: the calendar's 204 (or any 2xx) with nothing or JSON in it, or its 404 with an empty body (already gone). A
     * 2xx or 404 carrying anything else (a maintenance or firewall page from something in front of the calendar) may
     * not have come from the calendar at all: its outcome is unknown, and the flows read the appointment back.
     */
    private boolean gone(Exchange exchange, String operation) {
        int status = status(exchange);
        if (status >= 200 && status <= 299 || status == 404) {
            byte[] body = exchange.getMessage().getBody(byte[].class);
            if (!emptyOrJson(body) || status == 404 && body != null && body.length > 0) {
                log.warn("calendar_write_unknown operation={} status={}: an answer the calendar does not give, it may not "
                        + "have reached it: {}", operation, status, excerpt(body));
                throw new WriteOutcomeUnknownException(operation, null);
            }
        }
        boolean deletedNow = status != 404;
        if (deletedNow && (status < 200 || status > 299)) {
            expect(exchange, operation, 204);
        }
        exchange.getMessage().setBody(null);
        return deletedNow;
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? -1 : status;
    }

    private <T> T read(byte[] body, TypeReference<T> type, String operation) {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new IOException("empty answer");
            }
            return value;
        } catch (IOException e) {
            log.warn("Calendar answered {} with unreadable JSON: {}", operation, excerpt(body));
            throw new CalendarUnavailableException();
        }
    }

    private byte[] expect(Exchange exchange, String operation, int expectedStatus) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (status != null && status == expectedStatus) {
            return body == null ? new byte[0] : body;
        }
        if (status != null && status == 429) {
            log.warn("Calendar refused {}: its rate limit is reached (429). Easy!Appointments allows 100 requests "
                    + "per 120 s per client address unless $config['rate_limiting'] is off", operation);
            throw new CalendarRateLimitedException();
        }
        if (status != null && status == 401) {
            log.error("Calendar refused our credentials for {} (401): check EASYAPPOINTMENTS_API_TOKEN "
                    + "or EASYAPPOINTMENTS_API_USERNAME/_PASSWORD (an admin user)", operation);
        } else {
            log.warn("Calendar answered {} with HTTP {}: {}", operation, status, calendarMessage(body));
        }
        throw new CalendarUnavailableException();
    }

    private String calendarMessage(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return PiiMasking.mask(abbreviate(node.get("message").asText()));
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: log an excerpt instead
        }
        return excerpt(body);
    }

    private static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        return PiiMasking.mask(abbreviate(new String(body, StandardCharsets.UTF_8)));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > LOGGED_BODY_CHARS ? oneLine.substring(0, LOGGED_BODY_CHARS) + "..." : oneLine;
    }
}
