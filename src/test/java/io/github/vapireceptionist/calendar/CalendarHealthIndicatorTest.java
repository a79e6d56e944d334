package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.TestBusinesses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Readiness asks the calendar at most once per cache period, and says DOWN when it does not answer. With several
 * businesses one calendar down (or hanging) leaves the whole UP and names it; every calendar down is DOWN.
 */
class CalendarHealthIndicatorTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T09:00:00Z"));

    @Test
    void theCalendarIsAskedOncePerCachePeriodAndADownCalendarIsReported() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:calendar-service").routeId("calendar-service").process(exchange -> {
                        asked.incrementAndGet();
                        if (failure.get() != null) {
                            throw failure.get();
                        }
                        exchange.getMessage().setBody(new CalendarService(1, 30, 1));
                    });
                }
            });
            camel.start();
            Clock clock = new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };
            CalendarHealthIndicator health = new CalendarHealthIndicator(camel, clock, Duration.ofSeconds(15));

            for (int probe = 0; probe < 5; probe++) {
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            }
            assertThat(asked).hasValue(1);

            failure.set(new CalendarUnavailableException());
            now.set(now.get().plusSeconds(16));
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("reason", "bad_response");
            assertThat(asked).hasValue(2);
        }
    }

    /** What each business's calendar does when probed: answer, fail, or hang until the test lets it go. */
    private enum Calendar { UP, FAILS, HANGS }

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hanging = new AtomicInteger();

    @Test
    void withSeveralBusinessesOneCalendarDownLeavesTheWholeUpAndNamesIt() throws Exception {
        Health probed = probe(Map.of("north", Calendar.FAILS, "south", Calendar.UP));

        assertThat(probed.getStatus()).isEqualTo(Status.UP);
        assertThat(((Health) probed.getDetails().get("north")).getStatus()).isEqualTo(Status.DOWN);
        assertThat(((Health) probed.getDetails().get("north")).getDetails()).containsEntry("reason", "bad_response");
        assertThat(((Health) probed.getDetails().get("south")).getStatus()).isEqualTo(Status.UP);
        assertThat(probed.getDetails()).containsEntry("calendarsDown", List.of("north"));
    }

    @Test
    void withSeveralBusinessesTheWholeIsDownOnlyWhenEveryCalendarIs() throws Exception {
        Health probed = probe(Map.of("north", Calendar.FAILS, "south", Calendar.FAILS));

        assertThat(probed.getStatus()).isEqualTo(Status.DOWN);
        assertThat(probed.getDetails()).containsEntry("calendarsDown", List.of("north", "south"));
    }

    /**
     * Two calendars hang until the probe has answered: asked one after the other, the second would never be asked and
     * the probe would never answer. Both were asked, and the probe gave up on both after its one timeout.
     */
    @Test
    void hangingCalendarsAreAskedAtTheSameTimeAndGivenUpAfterOneProbeTimeout() throws Exception {
        Health probed = probe(Map.of("north", Calendar.HANGS, "south", Calendar.HANGS, "east", Calendar.UP));

        assertThat(hanging).as("both hanging calendars were asked before either answered").hasValue(2);
        assertThat(probed.getStatus()).isEqualTo(Status.UP);
        assertThat(probed.getDetails()).containsEntry("calendarsDown", List.of("north", "south"));
        assertThat(((Health) probed.getDetails().get("north")).getDetails()).containsEntry("reason", "timeout");
        assertThat(((Health) probed.getDetails().get("east")).getStatus()).isEqualTo(Status.UP);
    }

    /** One probe of businesses north, south (and east) whose calendars behave as {@code calendars} says. */
    private Health probe(Map<String, Calendar> calendars) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:calendar-service").routeId("calendar-service").process(exchange -> {
                        Business business = exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class);
                        switch (calendars.get(business.id())) {
                            case FAILS -> throw new CalendarUnavailableException();
                            case HANGS -> {
                                hanging.incrementAndGet();
                                release.await(30, TimeUnit.SECONDS);
                                throw new CalendarUnavailableException();
                            }
                            case UP -> exchange.getMessage().setBody(new CalendarService(1, 30, 1));
                        }
                    });
                }
            });
            camel.start();
            List<Business> all = List.of("north", "south", "east").stream().filter(calendars::containsKey)
                    .map(id -> TestBusinesses.business(id, null)).toList();
            CalendarHealthIndicator health = new CalendarHealthIndicator(camel, new Businesses(all, true), Clock.systemUTC(),
                    Duration.ofSeconds(15), Duration.ofSeconds(1));
            try {
                // a guard against hanging the build, not a timing assertion: the probe's own bound is 1 s
                return CompletableFuture.supplyAsync(health::health).get(20, TimeUnit.SECONDS);
            } finally {
                release.countDown();
            }
        }
    }
}
