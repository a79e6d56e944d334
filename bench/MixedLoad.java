import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mixed load of bench/real-calendar.sh: {@code callers} at once, each in turn asking one of {@code days} for its
 * free times, booking one of them with its own number and email and, every other time, finding that booking by
 * its number and cancelling it; for {@code seconds}. Then reads the calendar's appointments on those days and
 * counts overlaps of one provider's kept (non-cancelled) appointments. Prints {@code key=value} lines.
 * JDK only: {@code java bench/MixedLoad.java app secret calendar token days callers seconds}.
 */
public final class MixedLoad {

    private static final Pattern SLOTS = Pattern.compile("\\\\\"slots\\\\\":\\[([^\\]]*)\\]");
    private static final Pattern APPOINTMENT = Pattern.compile("appointment_id\\\\\":(\\d+)");
    private static final AtomicLong calls = new AtomicLong();
    private static final AtomicLong checks = new AtomicLong();
    private static final AtomicLong booked = new AtomicLong();
    private static final AtomicLong refused = new AtomicLong();
    private static final AtomicLong cancelled = new AtomicLong();
    private static final AtomicLong failed = new AtomicLong();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String app = args[0];
        String secret = args[1];
        String calendar = args[2];
        String token = args[3];
        String[] days = args[4].split(",");
        int callers = Integer.parseInt(args[5]);
        long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[6])).toNanos();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            Thread thread = new Thread(() -> {
                for (int n = 0; System.nanoTime() < until; n++) {
                    try {
                        converse(app, secret, days, run, caller, n);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("calls=" + calls + "\nchecks=" + checks + "\nbooked=" + booked + "\nrefused=" + refused
                + "\ncancelled=" + cancelled + "\nfailed=" + failed + "\noverlaps=" + overlaps(calendar, token, days));
    }

    private static void converse(String app, String secret, String[] days, String run, int caller, int n) throws Exception {
        String id = run + "-" + caller + "-" + n;
        String number = String.format("+447123%06d", (caller * 100_000 + n) % 1_000_000);
        String day = days[ThreadLocalRandom.current().nextInt(days.length)];
        String answer = tool(app, secret, id, number, "check_availability", "{\"date\":\"" + day + "\"}");
        checks.incrementAndGet();
        Matcher slots = SLOTS.matcher(answer);
        if (!slots.find() || slots.group(1).isBlank()) {
            return;
        }
        String[] free = slots.group(1).replace("\\\"", "").split(",");
        String time = free[ThreadLocalRandom.current().nextInt(free.length)];
        String booking = tool(app, secret, id + "-b", number, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"" + time
                + "\",\"first_name\":\"Load\",\"last_name\":\"Caller\",\"email\":\"load-" + id + "@example.com\",\"phone\":\"" + number + "\"}");
        Matcher appointment = APPOINTMENT.matcher(booking);
        if (!booking.contains("You're booked in") || !appointment.find()) {
            refused.incrementAndGet();
            return;
        }
        booked.incrementAndGet();
        if (n % 2 == 1) {
            tool(app, secret, id + "-f", number, "find_appointment", "{}");
            String cancel = tool(app, secret, id + "-c", number, "cancel_appointment",
                    "{\"appointment_ref\":\"" + appointment.group(1) + "\",\"confirm\":true}");
            if (cancel.contains("is cancelled")) {
                cancelled.incrementAndGet();
            }
        }
    }

    private static String tool(String app, String secret, String id, String number, String function, String arguments) throws Exception {
        String body = "{\"message\":{\"type\":\"tool-calls\",\"call\":{\"id\":\"call-" + id + "\",\"customer\":{\"number\":\"" + number
                + "\"}},\"toolCallList\":[{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + function
                + "\",\"arguments\":" + arguments + "}}]}}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app + "/api/webhooks/vapi"))
                .header("Content-Type", "application/json").header("x-vapi-secret", secret).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        calls.incrementAndGet();
        if (response.statusCode() != 200 || !response.body().contains("\"results\"")) {
            failed.incrementAndGet();
        }
        return response.body();
    }

    /** Pairs of one provider's kept appointments on those days that overlap. */
    private static int overlaps(String calendar, String token, String[] days) throws Exception {
        Pattern row = Pattern.compile("\"start\":\"([^\"]+)\",\"end\":\"([^\"]+)\".*?\"status\":\"([^\"]*)\".*?\"providerId\":(\\d+)");
        int found = 0;
        for (String day : days) {
            String json = HTTP.send(HttpRequest.newBuilder(URI.create(calendar + "/index.php/api/v1/appointments?date=" + day + "&length=5000"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            List<String[]> kept = new ArrayList<>();
            for (String item : json.split("\\},\\{")) {
                Matcher m = row.matcher(item);
                if (m.find() && !"Cancelled".equalsIgnoreCase(m.group(3))) {
                    kept.add(new String[] {m.group(1), m.group(2), m.group(4)});
                }
            }
            for (int i = 0; i < kept.size(); i++) {
                for (int j = i + 1; j < kept.size(); j++) {
                    String[] a = kept.get(i);
                    String[] b = kept.get(j);
                    if (a[2].equals(b[2]) && a[0].compareTo(b[1]) < 0 && b[0].compareTo(a[1]) < 0) {
                        found++;
                    }
                }
            }
        }
        return found;
    }
}
