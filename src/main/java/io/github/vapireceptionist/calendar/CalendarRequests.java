package io.github.vapireceptionist.calendar;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares the headers of a call to Easy!Appointments: method, query and credentials. The routes
 * remove every inbound header first, so only what is set here reaches the calendar.
 */
public class CalendarRequests {

    private final String authorization;
    private final int providerId;
    private final int serviceId;

    public CalendarRequests(EasyAppointmentsProperties calendar) {
        this.authorization = authorization(calendar);
        this.providerId = calendar.providerId();
        this.serviceId = calendar.serviceId();
    }

    /** {@code GET /availabilities?providerId&serviceId&date}: the query goes in a header, so the endpoint URI stays static. */
    public void availabilities(@Body LocalDate date, Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_QUERY, "providerId=" + providerId + "&serviceId=" + serviceId + "&date=" + date);
        message.setHeader("Authorization", authorization);
        message.setHeader("Accept", "application/json");
        message.setBody(null);
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
