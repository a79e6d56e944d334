package io.github.vapireceptionist.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.vapireceptionist.calendar.AppointmentRecord;
import io.github.vapireceptionist.calendar.CalendarSlowException;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.calendar.WriteOutcomeUnknownException;
import io.github.vapireceptionist.calendar.CustomerRecord;
import io.github.vapireceptionist.store.SharedStoreUnavailableException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's HTTP answers, each audited: JSON always, never a stack trace or an exception
 * name, and nothing from the request or a calendar response echoed in a header.
 */
public class AdminReplies {

    static final String CALENDAR_UNAVAILABLE = "The calendar is unavailable, so this could not finish. "
            + "Nothing is lost: the request is safe to repeat.";
    static final String STORE_UNAVAILABLE = "The shared store (Redis) did not answer, so what this backend remembers for "
            + "that email may not be erased yet. Repeat the request once Redis answers: it is safe to repeat.";
    private static final Logger log = LoggerFactory.getLogger(AdminReplies.class);

    /** Export: every customer record with that email and all of their appointments. */
    public record Export(String email, List<CustomerRecord> customers, List<AppointmentRecord> appointments) {
    }

    /** Erasure: what was erased now; all zeros when nothing was left (a repeated erasure). */
    public record Erasure(Map<String, Integer> erased, String message) {
    }

    private final ObjectMapper json;
    private final AdminAudit audit;

    public AdminReplies(ObjectMapper json, AdminAudit audit) {
        this.json = json;
        this.audit = audit;
    }

    public String unauthorized(Exchange exchange) {
        audit.record(exchange, "unauthorized", null);
        String body = respond(exchange, 401, Map.of("error", "unauthorized"));
        exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"admin\"");
        return body;
    }

    /** 404 for a business this deployment does not answer for, told only to a holder of the token. */
    public String unknownBusiness(Exchange exchange) {
        audit.record(exchange, "unknown_business", null);
        return respond(exchange, 404, Map.of("error", "no business has that id"));
    }

    public String exported(@ExchangeProperty("subject") DataSubject subject, Exchange exchange) {
        audit.record(exchange, "exported", subject);
        return respond(exchange, 200, new Export(subject.email(), subject.records(), subject.appointments()));
    }

    public String erased(@ExchangeProperty("subject") DataSubject subject, Exchange exchange) {
        audit.record(exchange, subject.customersErased() + subject.rememberedAnswersErased() == 0 ? "nothing_left" : "erased",
                subject);
        Map<String, Integer> erased = new LinkedHashMap<>();
        erased.put("customers", subject.customersErased());
        erased.put("appointments", subject.appointmentsErased());
        erased.put("rememberedAnswers", subject.rememberedAnswersErased());
        String message = subject.customersErased() + subject.rememberedAnswersErased() == 0
                ? "Nothing is held for that email: there was nothing left to erase."
                : "Erased from the calendar and from this backend.";
        return respond(exchange, 200, new Erasure(erased, message));
    }

    /**
     * The one error answer of the admin routes: 400 bad input; 503 when the calendar failed, timed out,
     * refused us, its circuit breaker is open or the business's share of calendar calls is full, or Redis failed an
     * erasure; 500 anything else.
     */
    public String failed(@ExchangeProperty("subject") DataSubject subject, Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AdminRequestException bad = ObjectHelper.getException(AdminRequestException.class, failure);
        if (bad != null) {
            audit.record(exchange, "bad_request", null);
            return respond(exchange, 400, Map.of("error", bad.getMessage()));
        }
        if (ObjectHelper.getException(SharedStoreUnavailableException.class, failure) != null) {
            log.warn("Admin request could not reach the shared store: {}", String.valueOf(failure));
            audit.record(exchange, "store_unavailable", subject);
            return respond(exchange, 503, Map.of("error", STORE_UNAVAILABLE));
        }
        if (ObjectHelper.getException(CalendarUnavailableException.class, failure) != null
                || ObjectHelper.getException(WriteOutcomeUnknownException.class, failure) != null
                || ObjectHelper.getException(CallNotPermittedException.class, failure) != null
                || ObjectHelper.getException(CalendarSlowException.class, failure) != null
                || ObjectHelper.getException(IOException.class, failure) != null) {
            log.warn("Admin request could not reach the calendar: {}", String.valueOf(failure));
            audit.record(exchange, "calendar_unavailable", subject);
            return respond(exchange, 503, Map.of("error", CALENDAR_UNAVAILABLE));
        }
        log.error("Admin request failed unexpectedly", failure);
        audit.record(exchange, "failed", subject);
        return respond(exchange, 500, Map.of("error", "internal error"));
    }

    private String respond(Exchange exchange, int status, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin answer could not be written as JSON", e);
        }
    }
}
