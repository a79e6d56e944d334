package io.github.vapireceptionist.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.LocalDate;

/**
 * Answers exactly as easyappointments-api-v1.md says Easy!Appointments 1.5.2 answers: JSON with a
 * session cookie and open CORS on success, 401 as HTML, every other failure as 500 JSON.
 */
public final class EasyAppointmentsStubs {

    public static final String API = "/index.php/api/v1";

    private EasyAppointmentsStubs() {
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Set-Cookie", "ea_session=3f1c2a9b; path=/; HttpOnly")
                .withHeader("Access-Control-Allow-Origin", "*")
                .withBody(body);
    }

    public static ResponseDefinitionBuilder ok(String body) {
        return json(200, body);
    }

    public static ResponseDefinitionBuilder failure(String message) {
        return json(500, "{\"success\":false,\"message\":\"" + message + "\"}");
    }

    public static ResponseDefinitionBuilder unauthorized() {
        return aResponse().withStatus(401)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("WWW-Authenticate", "Basic realm=\"Easy!Appointments\"")
                .withBody("You are not authorized to use the API.");
    }

    /** Service 1 as /services/1 answers it: 30 minutes, one attendant. */
    public static String service() {
        return "{\"id\":1,\"name\":\"Service\",\"duration\":30,\"price\":0,\"currency\":\"\",\"description\":null,"
                + "\"location\":null,\"availabilitiesType\":\"flexible\",\"attendantsNumber\":1,\"isPrivate\":false,"
                + "\"serviceCategoryId\":null}";
    }

    /** A service as /services lists it (1.5.2's api_encode): id, name, duration (minutes), price, currency. */
    public static String service(int id, String name, int duration, String price, String currency, boolean isPrivate) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"duration\":" + duration + ",\"price\":" + price
                + ",\"currency\":\"" + currency + "\",\"description\":null,\"location\":null,"
                + "\"availabilitiesType\":\"flexible\",\"attendantsNumber\":1,\"isPrivate\":" + isPrivate
                + ",\"serviceCategoryId\":null}";
    }

    /** The CalDAV password and Google token every provider record below carries: never to be logged. */
    public static final String PROVIDER_SECRET = "caldav-Secret-7c1e";
    public static final String PROVIDER_TOKEN = "ya29.google-Token-55aa";

    /**
     * A provider as /providers lists them (1.5.2's api_encode), settings and their secrets included: Mon-Fri
     * 09:00-18:00 with a break 14:30-15:00, weekends off.
     */
    public static String provider(int id, String firstName, String lastName, String timezone, int... services) {
        StringBuilder ids = new StringBuilder();
        for (int service : services) {
            ids.append(ids.length() == 0 ? "" : ",").append(service);
        }
        String day = "{\"start\":\"09:00\",\"end\":\"18:00\",\"breaks\":[{\"start\":\"14:30\",\"end\":\"15:00\"}]}";
        return "{\"id\":" + id + ",\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\","
                + "\"email\":\"provider" + id + "@example.com\",\"mobile\":null,\"phone\":\"+441632960" + id + "\","
                + "\"address\":null,\"city\":null,\"state\":null,\"zip\":null,\"notes\":null,\"timezone\":\"" + timezone
                + "\",\"language\":\"english\",\"ldapDn\":null,\"services\":[" + ids + "],\"settings\":{\"username\":\"p" + id
                + "\",\"notifications\":true,\"calendarView\":\"default\",\"googleSync\":false,\"googleCalendar\":null,"
                + "\"googleToken\":\"" + PROVIDER_TOKEN + "\",\"syncFutureDays\":90,\"syncPastDays\":30,\"caldavSync\":false,"
                + "\"caldavUrl\":null,\"caldavUsername\":null,\"caldavPassword\":\"" + PROVIDER_SECRET + "\","
                + "\"workingPlan\":{\"monday\":" + day + ",\"tuesday\":" + day + ",\"wednesday\":" + day + ",\"thursday\":" + day
                + ",\"friday\":" + day + ",\"saturday\":null,\"sunday\":null},\"workingPlanExceptions\":{}}}";
    }

    /** A salon's /services: Cut (1, 30 min, £25) and Full colour (7, 90 min, £85). */
    public static String salonServices() {
        return "[" + service(1, "Cut", 30, "25", "GBP", false) + "," + service(7, "Full colour", 90, "85", "GBP", false) + "]";
    }

    /**
     * Its /providers: Jane Doe (2) cuts, María López (32) cuts and colours, Maria Chen (33) colours, all in London;
     * Sam Reed (40) cuts from New York.
     */
    public static String salonProviders() {
        return "[" + provider(2, "Jane", "Doe", "Europe/London", 1) + "," + provider(32, "María", "López", "Europe/London", 1, 7)
                + "," + provider(33, "Maria", "Chen", "Europe/London", 7) + "," + provider(40, "Sam", "Reed", "America/New_York", 1) + "]";
    }

    /** An appointment record with its provider and service, Booked, no notes. */
    public static String appointment(int id, int providerId, int serviceId, String start, String end, int customerId) {
        return appointment(id, providerId, serviceId, start, end, customerId, null);
    }

    /** A customer record as /customers answers it: Zoë Ng, with the id, email and phone given. */
    public static String customer(int id, String email, String phone) {
        return "{\"id\":" + id + ",\"firstName\":\"Zoë\",\"lastName\":\"Ng\",\"email\":\"" + email + "\",\"phone\":\"" + phone + "\","
                + "\"address\":null,\"city\":null,\"zip\":null,\"timezone\":\"UTC\",\"language\":\"english\",\"notes\":null,"
                + "\"customField1\":null,\"customField2\":null,\"customField3\":null,\"customField4\":null,\"customField5\":null,\"ldapDn\":null}";
    }

    /**
     * An appointment record as /appointments answers it: provider 2, service 1, status Booked; {@code start} and
     * {@code end} as "yyyy-MM-dd HH:mm:ss", {@code notes} null or a text.
     */
    public static String appointment(int id, String start, String end, int customerId, String notes) {
        return appointment(id, 2, 1, start, end, customerId, notes);
    }

    private static String appointment(int id, int providerId, int serviceId, String start, String end, int customerId,
            String notes) {
        return "{\"id\":" + id + ",\"book\":\"2026-11-20 09:00:00\",\"start\":\"" + start + "\",\"end\":\"" + end
                + "\",\"hash\":\"abc\",\"color\":\"#7cbae8\",\"status\":\"Booked\",\"location\":null,\"notes\":"
                + (notes == null ? "null" : "\"" + notes + "\"")
                + ",\"customerId\":" + customerId + ",\"providerId\":" + providerId + ",\"serviceId\":" + serviceId
                + ",\"googleCalendarId\":null,\"caldavCalendarId\":null}";
    }

    /**
     * A calendar where a new customer (id 57) books {@code appointment} (id 41) and reads it back alone on its
     * day; /availabilities is left to the test.
     */
    public static void aCalendarThatBooks(WireMockExtension calendar, String appointment) {
        calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(service())));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/customers")).willReturn(json(201, customer(57, "zoe@example.com", "+447123456789"))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + appointment + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).willReturn(json(201, appointment)));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(aResponse().withStatus(204)));
    }

    public static ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "text/html; charset=UTF-8");
    }

    /** One provider's free times for one service on one of their days (GET /availabilities). */
    public static void slots(WireMockExtension calendar, int provider, int service, LocalDate date, String times) {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).withQueryParam("providerId", equalTo("" + provider))
                .withQueryParam("serviceId", equalTo("" + service)).withQueryParam("date", equalTo(date.toString()))
                .willReturn(ok(times)));
    }

    /** The salon's catalog ({@link #salonServices}, {@link #salonProviders}), no free time but Jane's (2) for service 1 on one day. */
    public static void salonWithJaneFreeOn(WireMockExtension calendar, LocalDate date, String times) {
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(salonServices())));
        calendar.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok(salonProviders())));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[]")));
        slots(calendar, 2, 1, date, times);
    }

    /** POST /appointments with that provider answers 201 with the appointment of customer 57 created. */
    public static void created(WireMockExtension calendar, int provider, int service, int id, String start, String end) {
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).withRequestBody(matchingJsonPath("$.providerId", equalTo("" + provider)))
                .willReturn(json(201, appointment(id, provider, service, start, end, 57))));
    }

    /** One provider's appointments on one day, as the race check reads them back. */
    public static void day(WireMockExtension calendar, int provider, LocalDate date, String appointments) {
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("providerId", equalTo("" + provider))
                .withQueryParam("date", equalTo(date.toString())).willReturn(ok("[" + appointments + "]")));
    }
}
