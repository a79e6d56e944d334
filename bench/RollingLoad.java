import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steady load of bench/rolling-restart.sh: {@code workers} callers, each sending one tool call at a time
 * through the load balancer, one in three a booking (each into its own free slot, then re-sent with the
 * same tool call id, as Vapi re-sends) while free slots last (14 a weekday over 60 weekdays), the others
 * check_availability. Runs until the file {@code stop}
 * exists or {@code maxSeconds} pass, then prints what it saw as {@code key=value} lines and writes the
 * appointment ids it was given to {@code booked}. JDK only: {@code java bench/RollingLoad.java ...}.
 *
 * <p>A failure is any answer that is not HTTP 200 with a tool answer (a result or an error for the call),
 * including a connection the load balancer could not serve. Each is printed with its status and when.
 */
public final class RollingLoad {

    private static final Pattern APPOINTMENT = Pattern.compile("appointment_id\\\\\":(\\d+)");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final int WEEKDAYS = 60;
    private static final List<LocalTime> TIMES = new ArrayList<>();

    static {
        for (LocalTime t = LocalTime.of(9, 0); t.isBefore(LocalTime.of(17, 0)); t = t.plusMinutes(30)) {
            if (t.getHour() != 12) {
                TIMES.add(t);
            }
        }
    }

    private static final AtomicLong sent = new AtomicLong();
    private static final AtomicLong failed = new AtomicLong();
    private static final AtomicLong toolErrors = new AtomicLong();
    private static final AtomicLong bookingsAsked = new AtomicLong();
    private static final AtomicLong bookingsMade = new AtomicLong();
    private static final AtomicLong bookingsRefused = new AtomicLong();
    private static final AtomicLong resentSame = new AtomicLong();
    private static final AtomicLong resentSameAppointment = new AtomicLong();
    private static final AtomicLong resentOtherAppointment = new AtomicLong();
    private static final AtomicInteger slots = new AtomicInteger();
    private static final Map<String, String> booked = new ConcurrentHashMap<>();
    private static final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String secret = args[1];
        int workers = Integer.parseInt(args[2]);
        long maxSeconds = Long.parseLong(args[3]);
        Path stop = Path.of(args[4]);
        Path bookedFile = Path.of(args[5]);
        long pauseMs = Long.parseLong(args.length > 6 ? args[6] : "100");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                for (int n = 0; !Files.exists(stop) && System.nanoTime() < deadline; n++) {
                    if (n % 3 == 2 && slots.get() < TIMES.size() * WEEKDAYS) {
                        book(http, url, secret, worker, started);
                    } else {
                        String day = day(worker * 7 + n).toString();
                        call(http, url, secret, "avail-" + worker + "-" + n, "check_availability", "{\"date\":\"" + day + "\"}",
                                started);
                    }
                    pause(pauseMs);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.write(bookedFile, booked.values());
        System.out.printf("seconds=%.0f%n", seconds);
        System.out.println("requests_sent=" + sent.get());
        System.out.printf("rate_per_second=%.1f%n", sent.get() / seconds);
        System.out.println("failed=" + failed.get());
        System.out.println("tool_errors=" + toolErrors.get());
        System.out.println("bookings_asked=" + bookingsAsked.get());
        System.out.println("bookings_made=" + bookingsMade.get());
        System.out.println("bookings_refused=" + bookingsRefused.get());
        System.out.println("resent_same_answer=" + resentSame.get());
        System.out.println("resent_same_appointment=" + resentSameAppointment.get());
        System.out.println("resent_other_appointment=" + resentOtherAppointment.get());
        failures.stream().limit(20).forEach(f -> System.out.println("failure " + f));
    }

    /** A booking into the next free slot, then the same tool call again: the answer must not change. */
    private static void book(HttpClient http, String url, String secret, int worker, long started) {
        int slot = slots.getAndIncrement();
        if (slot >= TIMES.size() * WEEKDAYS) {
            return;
        }
        LocalDate day = day(slot / TIMES.size());
        LocalTime time = TIMES.get(slot % TIMES.size());
        String id = "book-" + slot;
        String phone = String.format("+4479111%05d", slot);
        String arguments = "{\"date\":\"" + day + "\",\"time\":\"" + time + "\",\"first_name\":\"Load\",\"last_name\":\"Test"
                + slot + "\",\"email\":\"load" + slot + "@example.com\",\"phone\":\"" + phone + "\"}";
        bookingsAsked.incrementAndGet();
        String first = call(http, url, secret, id, "book_appointment", arguments, started);
        if (first == null) {
            return;
        }
        Matcher made = APPOINTMENT.matcher(first);
        if (made.find() && !first.contains("already_booked")) {
            bookingsMade.incrementAndGet();
            booked.put(id, made.group(1));
        } else {
            bookingsRefused.incrementAndGet();
            failures.add(String.format("%.1fs %s not booked: %s", (System.nanoTime() - started) / 1e9, id, first));
        }
        String again = call(http, url, secret, id, "book_appointment", arguments, started);
        if (again == null) {
            return;
        }
        if (again.equals(first)) {
            resentSame.incrementAndGet();
            return;
        }
        // another answer (found in the calendar: "already booked") is fine as long as it names the same appointment
        Matcher resent = APPOINTMENT.matcher(again);
        boolean same = resent.find() && booked.containsKey(id) && resent.group(1).equals(booked.get(id));
        (same ? resentSameAppointment : resentOtherAppointment).incrementAndGet();
        if (!same) {
            failures.add(String.format("%.1fs %s re-sent: another appointment: %s", (System.nanoTime() - started) / 1e9, id, again));
        }
    }

    /** The body of a 200 with a tool answer for this call; null (counted, printed) for anything else. */
    private static String call(HttpClient http, String url, String secret, String id, String function, String arguments,
            long started) {
        String body = "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"" + id + "\",\"type\":\"function\","
                + "\"function\":{\"name\":\"" + function + "\",\"arguments\":" + arguments + "}}],"
                + "\"call\":{\"id\":\"rolling-" + id + "\",\"type\":\"inboundPhoneCall\"}}}";
        sent.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("x-vapi-secret", secret)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String answer = response.body();
            boolean toolAnswer = answer.contains("\"toolCallId\":\"" + id + "\"")
                    && (answer.contains("\"result\":") || answer.contains("\"error\":"));
            if (response.statusCode() != 200 || !toolAnswer) {
                fail(started, id + " HTTP " + response.statusCode() + " " + answer.substring(0, Math.min(120, answer.length())));
                return null;
            }
            if (answer.contains("\"error\":")) {
                toolErrors.incrementAndGet();
            }
            return answer;
        } catch (Exception e) {
            fail(started, id + " " + e);
            return null;
        }
    }

    private static void fail(long started, String what) {
        failed.incrementAndGet();
        failures.add(String.format("%.1fs %s", (System.nanoTime() - started) / 1e9, what));
    }

    /** The n-th weekday from the day after tomorrow (the calendar's working days). */
    private static LocalDate day(int n) {
        LocalDate day = LocalDate.now(ZONE).plusDays(2);
        int weekdays = 0;
        while (true) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                if (weekdays == n % WEEKDAYS) {
                    return day;
                }
                weekdays++;
            }
            day = day.plusDays(1);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
