package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Hundreds of generated bad requests against the running app ({@link BadRequests}): none may answer
 * 5xx, show a stack trace or an exception's name, or book anything, and the app stays healthy.
 * The seed is printed; replay a failing run with {@code ./mvnw test -Dtest=WebhookFuzzTest -Dfuzz.seed=<seed>}
 * (more cases: {@code -Dfuzz.cases=5000}).
 */
@TestPropertySource(properties = "webhook.auth-mode=either")
class WebhookFuzzTest extends AppTest {

    static final int DEFAULT_CASES = 400;
    /** What a stack trace, an exception name or an internal class leaks into a body. */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|Error:|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.|javax\\.|jakarta\\.|org\\.apache|org\\.springframework|"
                    + "com\\.fasterxml|io\\.github|Caused by|Whitelabel|Tomcat|\\.java:\\d");

    @Autowired
    SandboxCalendar sandbox;

    @Test
    void badRequestsNeverBreakTheAppNorBookAnything() throws Exception {
        long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
        int count = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
        String replay = "seed " + seed + " (replay: ./mvnw test -Dtest=WebhookFuzzTest -Dfuzz.seed=" + seed + ")";
        System.out.println("WebhookFuzzTest: " + count + " cases, " + replay);
        sandbox.reset();
        List<BadRequests.Case> cases = new BadRequests(new Random(seed), closedDay()).generate(count);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (BadRequests.Case fuzz : cases) {
            senders.submit(() -> check(fuzz, failures));
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).as("all cases answered; " + replay).isTrue();

        assertThat(failures).as(replay).isEmpty();
        assertThat(sandbox.appointments(Map.of())).as("appointments after the fuzz; " + replay).isEmpty();
        assertThat(sandbox.customers(Map.of())).as("customers after the fuzz; " + replay).isEmpty();
        assertThat(httpGet("/health").statusCode()).as("healthy after the fuzz; " + replay).isEqualTo(200);
        assertThat(webhook("{\"message\":{\"type\":\"status-update\"}}").body()).isEqualTo("{}");
    }

    private void check(BadRequests.Case fuzz, ConcurrentLinkedQueue<String> failures) {
        try {
            HttpResponse<String> response = send(fuzz);
            String problem = null;
            if (response.statusCode() >= 500) {
                problem = "answered " + response.statusCode();
            } else if (INTERNALS.matcher(response.body()).find()) {
                problem = "body shows internals";
            }
            if (problem != null) {
                failures.add("#" + fuzz.index() + " " + fuzz.what() + ": " + problem + ": " + BadRequests.abbreviate(response.body()));
            }
        } catch (RuntimeException e) {
            failures.add("#" + fuzz.index() + " " + fuzz.what() + ": no answer: " + e);
        }
    }

    private HttpResponse<String> send(BadRequests.Case fuzz) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + WEBHOOK)).timeout(Duration.ofSeconds(30))
                .method(fuzz.method(), HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
        fuzz.headers().forEach(request::setHeader);
        return AppTest.send(request.build());
    }

    /** The sandbox is open Monday to Friday: a Saturday ahead has no free time to book. */
    private static LocalDate closedDay() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(1);
        while (day.getDayOfWeek() != DayOfWeek.SATURDAY) {
            day = day.plusDays(1);
        }
        return day;
    }

}
