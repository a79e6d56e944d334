package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares the headers (and JSON body) of a call to Easy!Appointments: method, path below the
 * endpoint, query, credentials. The routes remove every inbound header first, so only what is set
 * here reaches the calendar; endpoint URIs stay static (ids and queries travel in headers).
 */
public class CalendarRequests {

    private final ObjectMapper json;
    private final String authorization;
    private final int providerId;
    private final int serviceId;

    public CalendarRequests(EasyAppointmentsProperties calendar, ObjectMapper json) {
        this.json = json;
        this.authorization = authorization(calendar);
        this.providerId = calendar.providerId();
        this.serviceId = calendar.serviceId();
    }

    /** {@code GET /availabilities?providerId&serviceId&date}. */
    public void availabilities(@Body LocalDate date, Exchange exchange) {
        get(exchange, null, "providerId=" + providerId + "&serviceId=" + serviceId + "&date=" + date);
    }

    /** {@code GET /customers?q&sort=id&page&length}: q is a substring search, the exact match is ours. */
    public void customers(@Body CustomerQuery query, Exchange exchange) {
        get(exchange, null, "q=" + URLEncoder.encode(query.text(), StandardCharsets.UTF_8)
                + "&sort=id&page=" + query.page() + "&length=" + query.length());
    }

    /** {@code GET /appointments?[date|from&till]&providerId[&customerId]&length}. */
    public void appointments(@Body AppointmentQuery query, Exchange exchange) {
        String customer = query.customerId() == null ? "" : "&customerId=" + query.customerId();
        String days = query.date() != null ? "date=" + query.date() : "from=" + query.from() + "&till=" + query.till();
        get(exchange, null, days + "&providerId=" + providerId + customer + "&sort=id&length=" + query.length());
    }

    /** {@code GET /customers/{id}}: the whole record. */
    public void customer(@Body Integer customerId, Exchange exchange) {
        get(exchange, "/" + customerId, null);
    }

    /** {@code GET /appointments?customerId&sort=id&page&length}: one customer's, any date, any provider. */
    public void customerAppointments(@Body CustomerAppointmentsQuery query, Exchange exchange) {
        get(exchange, null, "customerId=" + query.customerId() + "&sort=id&page=" + query.page()
                + "&length=" + query.length());
    }

    /** {@code GET /services/{id}}. */
    public void service(Exchange exchange) {
        get(exchange, "/" + serviceId, null);
    }

    public void createCustomer(@Body NewCustomer customer, Exchange exchange) {
        send(exchange, HttpMethods.POST, null, customer);
    }

    public void updateCustomer(@Body CustomerUpdate update, Exchange exchange) {
        send(exchange, HttpMethods.PUT, "/" + update.id(), update);
    }

    public void createAppointment(@Body NewAppointment appointment, Exchange exchange) {
        send(exchange, HttpMethods.POST, null, appointment);
    }

    public void deleteAppointment(@Body Integer appointmentId, Exchange exchange) {
        Message message = prepare(exchange, HttpMethods.DELETE, "/" + appointmentId, null);
        message.setBody(null);
    }

    /** {@code DELETE /customers/{id}}: Easy!Appointments deletes the customer's appointments with them. */
    public void deleteCustomer(@Body Integer customerId, Exchange exchange) {
        prepare(exchange, HttpMethods.DELETE, "/" + customerId, null).setBody(null);
    }

    private void get(Exchange exchange, String path, String query) {
        prepare(exchange, HttpMethods.GET, path, query).setBody(null);
    }

    private void send(Exchange exchange, HttpMethods method, String path, Object body) {
        Message message = prepare(exchange, method, path, null);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calendar request could not be written as JSON", e);
        }
    }

    private Message prepare(Exchange exchange, HttpMethods method, String path, String query) {
        Message message = exchange.getMessage();
        // the enum, not its name: camel-http converting a String header looks through every type converter, per request
        message.setHeader(Exchange.HTTP_METHOD, method);
        if (path != null) {
            message.setHeader(Exchange.HTTP_PATH, path);
        }
        if (query != null) {
            message.setHeader(Exchange.HTTP_QUERY, query);
        }
        message.setHeader("Authorization", authorization);
        message.setHeader("Accept", "application/json");
        return message;
    }

    static String authorization(EasyAppointmentsProperties calendar) {
        if (calendar.usesBearerToken()) {
            return "Bearer " + calendar.apiToken();
        }
        String user = calendar.apiUsername() == null ? "" : calendar.apiUsername();
        String password = calendar.apiPassword() == null ? "" : calendar.apiPassword();
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
