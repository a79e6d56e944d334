package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares the headers (and JSON body) of a call to Easy!Appointments. routes/calendar.camel.yaml says
 * what each operation calls ({@code "DELETE /appointments/{id}"}); this class turns the route's body into
 * the {id} of that path, its query or its JSON body. The routes remove every inbound header first, so only
 * what is set here reaches the calendar; the endpoint URI stays static (the business's calendar URL, ids and
 * queries travel in headers).
 */
public class CalendarRequests {

    private final ObjectMapper json;
    private final CalendarClients clients;

    public CalendarRequests(CalendarClients clients, ObjectMapper json) {
        this.json = json;
        this.clients = clients;
    }

    /**
     * Called by the calendar-call templates before the HTTP step. The call goes to the exchange's business's calendar
     * ({@code CamelHttpUri}, which camel-http sends to in place of the endpoint's static URI) with that business's
     * credentials.
     *
     * @param operation the route's operation (calendar-{operation}), which says what its body is
     * @param call      the method and the path below the API URL, e.g. {@code "GET /customers/{id}"}
     */
    public void prepare(Exchange exchange, String operation, String call) {
        int space = call.indexOf(' ');
        HttpMethods method = HttpMethods.valueOf(call.substring(0, space));
        String path = call.substring(space + 1);
        CalendarClient client = clients.of(exchange);
        Request request = request(operation, exchange.getMessage().getBody(), client);
        if (path.contains("{id}") != (request.id() != null)) {
            throw new IllegalStateException("calendar operation " + operation + " does not fill in " + call);
        }

        Message message = exchange.getMessage();
        // the enum, not its name: camel-http converting a String header looks through every type converter, per request
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_URI, client.apiUrl());
        message.setHeader(Exchange.HTTP_PATH, request.id() == null ? path : path.replace("{id}", request.id().toString()));
        if (request.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, request.query().toString());
        }
        message.setHeader("Authorization", client.authorization());
        message.setHeader("Accept", "application/json");
        if (request.json() == null) {
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(json.writeValueAsBytes(request.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calendar request could not be written as JSON", e);
        }
    }

    /** What each operation's body becomes: the path's {id}, the query, or the JSON body. */
    static Request request(String operation, Object body, CalendarClient client) {
        return switch (operation) {
            case "availabilities" -> Request.query(availabilities(body, client));
            case "customers" -> Request.query(customers((CustomerQuery) body));
            case "appointments" -> Request.query(appointments((AppointmentQuery) body, client));
            case "customer-appointments" -> Request.query(customerAppointments((CustomerAppointmentsQuery) body));
            case "customer", "appointment", "delete-appointment", "delete-customer" -> Request.id((Integer) body);
            case "service" -> Request.id(client.serviceId());
            case "services", "providers" -> Request.query(new QueryString().add("page", ((CatalogPage) body).page())
                    .add("length", ((CatalogPage) body).length()));
            case "create-customer" -> Request.json((NewCustomer) body);
            case "create-appointment" -> Request.json((NewAppointment) body);
            case "update-customer" -> new Request(((CustomerUpdate) body).id(), null, body);
            default -> throw new IllegalArgumentException("no calendar operation " + operation);
        };
    }

    /** A day of the line's own provider and service, or a {@link SlotQuery} naming them. */
    private static QueryString availabilities(Object body, CalendarClient client) {
        SlotQuery query = body instanceof SlotQuery named ? named : SlotQuery.ofLine((LocalDate) body);
        return new QueryString().add("providerId", query.providerId() == null ? client.providerId() : query.providerId())
                .add("serviceId", query.serviceId() == null ? client.serviceId() : query.serviceId()).add("date", query.date());
    }

    /** {@code q} is a substring search, the exact match is ours. */
    private static QueryString customers(CustomerQuery query) {
        return new QueryString().add("q", query.text()).add("sort", "id").add("page", query.page())
                .add("length", query.length());
    }

    /** One day, or from one day till another; one provider; everyone's or one customer's. */
    private static QueryString appointments(AppointmentQuery query, CalendarClient client) {
        QueryString days = query.date() != null
                ? new QueryString().add("date", query.date())
                : new QueryString().add("from", query.from()).add("till", query.till());
        int provider = query.providerId() == null ? client.providerId() : query.providerId();
        if (provider != AppointmentQuery.ANY_PROVIDER) {
            days.add("providerId", provider);
        }
        return days.addIfPresent("customerId", query.customerId())
                .add("sort", "id").add("length", query.length());
    }

    /** One customer's, any date, any provider. */
    private static QueryString customerAppointments(CustomerAppointmentsQuery query) {
        return new QueryString().add("customerId", query.customerId()).add("sort", "id").add("page", query.page())
                .add("length", query.length());
    }

    /** The parts of a call that come from the route's body. */
    record Request(Object id, QueryString query, Object json) {

        static Request id(Object id) {
            return new Request(id, null, null);
        }

        static Request query(QueryString query) {
            return new Request(null, query, null);
        }

        static Request json(Object body) {
            return new Request(null, null, body);
        }
    }

    /** The Authorization header every call to the calendar carries (the assistant sync reads the catalog with it too). */
    public static String authorization(EasyAppointmentsProperties calendar) {
        return CalendarCredentials.of(calendar).authorization();
    }
}
