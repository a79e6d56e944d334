import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast stand-in for everything the app calls during a benchmark, answering as
 * ../../shared/contracts describe (and as src/test's WireMock stubs do): Easy!Appointments 1.5.2
 * under /index.php/api/v1, Twilio's Messages API, and Vapi's live call control. Run it with
 * {@code java bench/StandIn.java <port>}; JDK only, no build, no dependency.
 *
 * <p>Calendar calls wait {@code latency} ms before answering (80 ms is a real Easy!Appointments on
 * loopback with Bearer auth); Twilio and call control wait their own latency (0 by default).
 * {@code POST /__latency?calendar=80&twilio=0&control=0} changes them while running, so one stand-in
 * serves the whole run.
 *
 * <p>Bookings: every slot 09:00-17:30 (15-minute steps, like a fresh install) is always listed as
 * free, and the calendar keeps one appointment per start time: a new booking for a slot replaces the
 * one before it. The load script books each request into a different (date, 30-minute slot), cycling
 * through ~1,600 of them, so a booking's read-back of its day holds its own appointment and at most one
 * per other slot, never an earlier overlapping one: every booking is kept, as the scenario requires,
 * and memory stays bounded however long the run. Customers are always new (each request has its own
 * email): GET /customers?q= finds nobody, POST /customers creates one.
 */
public final class StandIn {

    private static final String API = "/index.php/api/v1";
    private static final String SLOTS;
    private static final String SERVICE = "{\"id\":1,\"name\":\"Service\",\"duration\":30,\"price\":0,\"currency\":\"\","
            + "\"description\":null,\"location\":null,\"availabilitiesType\":\"flexible\",\"attendantsNumber\":1,"
            + "\"isPrivate\":false,\"serviceCategoryId\":null}";
    private static final Pattern FIELD = Pattern.compile("\"(start|end|customerId|providerId|serviceId|status|notes|"
            + "firstName|lastName|email|phone|timezone)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+)");

    static {
        List<String> slots = new ArrayList<>();
        for (int minute = 9 * 60; minute <= 17 * 60 + 30; minute += 15) {
            if (minute >= 12 * 60 && minute < 13 * 60) {
                continue; // lunch, as the sandbox and many real calendars have
            }
            slots.add(String.format("\"%02d:%02d\"", minute / 60, minute % 60));
        }
        SLOTS = "[" + String.join(",", slots) + "]";
    }

    private static volatile int calendarLatency;
    private static volatile int twilioLatency;
    private static volatile int controlLatency;
    private static final AtomicInteger ids = new AtomicInteger(1000);
    /** date -> start time -> the appointment's JSON; one appointment per slot (see above). */
    private static final Map<String, Map<String, Appointment>> days = new ConcurrentHashMap<>();

    record Appointment(int id, String date, String json, String customerId) {
    }

    public static void main(String[] args) throws IOException {
        // without it every answer waits ~40 ms (Nagle's algorithm against the client's delayed ACK)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // the JDK server closes idle keep-alive connections beyond 200: the app's calendar pool would
        // then reuse closed ones (NoHttpResponseException), a stand-in artefact that hides the app's figures
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4000");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
        calendarLatency = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        // a thread per in-flight request: an 80 ms answer must never queue behind another one
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", StandIn::handle);
        server.start();
        System.out.println("stand-in listening on 127.0.0.1:" + port + " (calendar latency " + calendarLatency + " ms)");
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            byte[] body = readAll(exchange.getRequestBody());
            if (path.startsWith(API + "/")) {
                pause(calendarLatency);
                calendar(exchange, method, path.substring(API.length()), uri.getRawQuery(), body);
            } else if (path.startsWith("/2010-04-01/Accounts/") && path.endsWith("/Messages.json") && method.equals("POST")) {
                pause(twilioLatency);
                int sid = ids.incrementAndGet();
                send(exchange, 201, "{\"sid\":\"SM" + String.format("%032x", sid) + "\",\"status\":\"queued\","
                        + "\"num_segments\":\"1\",\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null}");
            } else if (path.startsWith("/vapi/") && path.endsWith("/control") && method.equals("POST")) {
                pause(controlLatency);
                send(exchange, 200, "{}");
            } else if (path.equals("/__latency") && method.equals("POST")) {
                Map<String, String> query = query(uri.getRawQuery());
                calendarLatency = Integer.parseInt(query.getOrDefault("calendar", String.valueOf(calendarLatency)));
                twilioLatency = Integer.parseInt(query.getOrDefault("twilio", String.valueOf(twilioLatency)));
                controlLatency = Integer.parseInt(query.getOrDefault("control", String.valueOf(controlLatency)));
                send(exchange, 200, "{\"calendar\":" + calendarLatency + ",\"twilio\":" + twilioLatency
                        + ",\"control\":" + controlLatency + "}");
            } else {
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (RuntimeException e) {
            System.err.println("stand-in: " + e);
            send(exchange, 500, "{\"success\":false,\"message\":\"stand-in failure\"}");
        } finally {
            exchange.close();
        }
    }

    private static void calendar(HttpExchange exchange, String method, String path, String rawQuery, byte[] body)
            throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || auth.isBlank()) {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Easy!Appointments\"");
            send(exchange, 401, "You are not authorized to use the API.");
            return;
        }
        Map<String, String> query = query(rawQuery);
        switch (method + " " + path.replaceAll("/\\d+$", "/{id}")) {
            case "GET /availabilities" -> send(exchange, 200, SLOTS);
            case "GET /services/{id}" -> send(exchange, 200, SERVICE);
            case "GET /customers" -> send(exchange, query.containsKey("q") && !query.containsKey("sort") ? 500 : 200,
                    query.containsKey("q") && !query.containsKey("sort") ? "{\"success\":false,\"message\":\"Unknown column\"}" : "[]");
            case "POST /customers" -> send(exchange, 201, createdCustomer(new String(body, StandardCharsets.UTF_8)));
            case "GET /appointments" -> send(exchange, 200, appointments(query));
            case "POST /appointments" -> send(exchange, 201, createdAppointment(new String(body, StandardCharsets.UTF_8)));
            case "DELETE /appointments/{id}" -> {
                int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                boolean removed = days.values().stream().anyMatch(day -> day.values().removeIf(a -> a.id() == id));
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(removed ? 204 : 404, -1);
            }
            default -> send(exchange, 500, "{\"success\":false,\"message\":\"The stand-in does not serve " + method + " " + path + "\"}");
        }
    }

    private static String createdCustomer(String body) {
        Map<String, String> f = fields(body);
        return "{\"id\":" + ids.incrementAndGet() + ",\"firstName\":" + str(f.get("firstName")) + ",\"lastName\":"
                + str(f.get("lastName")) + ",\"email\":" + str(f.get("email")) + ",\"phone\":" + str(f.get("phone"))
                + ",\"address\":null,\"city\":null,\"zip\":null,\"timezone\":" + str(f.getOrDefault("timezone", "UTC"))
                + ",\"language\":\"english\",\"notes\":null,\"customField1\":null,\"customField2\":null,"
                + "\"customField3\":null,\"customField4\":null,\"customField5\":null,\"ldapDn\":null}";
    }

    private static String createdAppointment(String body) {
        Map<String, String> f = fields(body);
        String start = f.get("start");
        int id = ids.incrementAndGet();
        String json = "{\"id\":" + id + ",\"book\":\"" + java.time.LocalDateTime.now().withNano(0).toString().replace('T', ' ')
                + "\",\"start\":" + str(start) + ",\"end\":" + str(f.get("end")) + ",\"hash\":\"" + Integer.toHexString(id)
                + "\",\"color\":\"#7cbae8\",\"status\":" + str(f.getOrDefault("status", "Booked")) + ",\"location\":null,"
                + "\"notes\":" + str(f.get("notes")) + ",\"customerId\":" + f.get("customerId") + ",\"providerId\":"
                + f.get("providerId") + ",\"serviceId\":" + f.get("serviceId")
                + ",\"googleCalendarId\":null,\"caldavCalendarId\":null}";
        if (start != null && start.length() >= 10) {
            String date = start.substring(0, 10);
            days.computeIfAbsent(date, d -> new ConcurrentHashMap<>()).put(start, new Appointment(id, date, json, f.get("customerId")));
        }
        return json;
    }

    private static String appointments(Map<String, String> query) {
        Map<String, Appointment> day = days.getOrDefault(query.getOrDefault("date", ""), Map.of());
        String customer = query.get("customerId");
        StringBuilder list = new StringBuilder("[");
        day.values().stream()
                .filter(a -> customer == null || customer.equals(a.customerId()))
                .sorted((a, b) -> Integer.compare(a.id(), b.id()))
                .forEach(a -> list.append(list.length() > 1 ? "," : "").append(a.json()));
        return list.append(']').toString();
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
        }
        return fields;
    }

    private static String str(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return query;
    }

    private static void pause(int millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
