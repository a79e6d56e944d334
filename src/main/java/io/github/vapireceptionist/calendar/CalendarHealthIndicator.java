package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Whether Easy!Appointments answers: the booked service read through the calendar-service route, with
 * the same URL, credentials and timeouts as every booking. The answer is kept for the cache period, so
 * probes asking every second cost the calendar one request per period, and a slow calendar delays one
 * probe per period, not all of them. Until the routes run it is OUT_OF_SERVICE (not remembered).
 *
 * <p>Each probe names its business (the exchange property {@code business}), so it goes to that business's calendar.
 * With one business the answer is that calendar's, as it always was. With several, one clinic's broken calendar must
 * not make the deployment look down to monitoring (its callers hear "I can't reach the booking calendar"; the others
 * are served): every business's calendar is asked at the same time (at most {@value #MAX_PARALLEL} at once), each
 * one's answer is a detail under its id, {@code calendarsDown} lists those that are DOWN, and the whole is DOWN only
 * when every one of them is. Each probe's reads are bounded by {@code probeTimeout} (its {@link Deadline}), and the
 * whole waits no longer than that: a probe still running then is DOWN ("timeout"), one not started yet UNKNOWN.
 */
public class CalendarHealthIndicator implements HealthIndicator {

    private record Checked(Health health, Instant at) {
    }

    /** How many calendars are asked at once; more businesses wait for a free thread, within the same bound. */
    static final int MAX_PARALLEL = 16;
    static final String CALENDARS_DOWN = "calendarsDown";

    private final CamelContext camel;
    private final Businesses businesses;
    private final FluentProducerTemplate calendar;
    private final Clock clock;
    private final Duration keep;
    private final Duration probeTimeout;
    private volatile Checked last;
    private ExecutorService probes;

    /** {@code probeTimeout}: with several businesses, how long one probe, and so all of them, may take. */
    public CalendarHealthIndicator(CamelContext camel, Businesses businesses, Clock clock, Duration keep, Duration probeTimeout) {
        this.camel = camel;
        this.businesses = businesses;
        this.calendar = camel.createFluentProducerTemplate();
        this.clock = clock;
        this.keep = keep;
        this.probeTimeout = probeTimeout;
    }

    /** A probe of the calendar-service route alone, naming no business (a context without businesses). */
    public CalendarHealthIndicator(CamelContext camel, Clock clock, Duration keep) {
        this(camel, null, clock, keep, null);
    }

    @Override
    public Health health() {
        if (!camel.isStarted()) {
            return Health.outOfService().withDetail("reason", "routes starting").build();
        }
        Checked checked = last;
        if (fresh(checked)) {
            return checked.health();
        }
        synchronized (this) {
            checked = last;
            if (!fresh(checked)) {
                checked = new Checked(check(), clock.instant());
                last = checked;
            }
            return checked.health();
        }
    }

    private boolean fresh(Checked checked) {
        return checked != null && clock.instant().isBefore(checked.at().plus(keep));
    }

    private Health check() {
        List<Business> all = businesses == null ? Collections.singletonList(null) : businesses.all();
        if (all.size() == 1) {
            return check(all.get(0));
        }
        Map<String, Health> each = checkAtOnce(all);
        List<String> down = each.entrySet().stream().filter(entry -> Status.DOWN.equals(entry.getValue().getStatus()))
                .map(Map.Entry::getKey).toList();
        Health.Builder whole = down.size() == each.size() ? Health.down() : Health.up();
        whole.withDetails(each);
        if (!down.isEmpty()) {
            whole.withDetail(CALENDARS_DOWN, down);
        }
        return whole.build();
    }

    /** Every business's probe at the same time, all of them answered (or given up) within one probe's timeout. */
    private Map<String, Health> checkAtOnce(List<Business> all) {
        Deadline deadline = Deadline.in(probeTimeout);
        List<Future<Health>> asked = new ArrayList<>();
        List<AtomicBoolean> started = new ArrayList<>();
        for (Business business : all) {
            AtomicBoolean begun = new AtomicBoolean();
            started.add(begun);
            asked.add(probes().submit(() -> {
                begun.set(true);
                return check(business, deadline);
            }));
        }
        Map<String, Health> each = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            each.put(all.get(i).id(), answer(asked.get(i), started.get(i), deadline));
        }
        return each;
    }

    private static Health answer(Future<Health> probe, AtomicBoolean started, Deadline deadline) {
        try {
            return probe.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            probe.cancel(false);
            return started.get() ? Health.down().withDetail("reason", "timeout").build()
                    : Health.unknown().withDetail("reason", "not_checked_in_time").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("reason", CalendarRequestMetrics.outcome(e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe.cancel(false);
            return Health.unknown().withDetail("reason", "interrupted").build();
        }
    }

    /** Camel's, so it stops with the context; its threads end when idle, a deployment of one business never makes it. */
    private synchronized ExecutorService probes() {
        if (probes == null) {
            probes = camel.getExecutorServiceManager().newThreadPool(this, "CalendarHealth",
                    new ThreadPoolProfileBuilder("calendar-health").poolSize(MAX_PARALLEL).maxPoolSize(MAX_PARALLEL)
                            .keepAliveTime(30L, TimeUnit.SECONDS).allowCoreThreadTimeOut(true).maxQueueSize(-1).build());
        }
        return probes;
    }

    private Health check(Business business) {
        return check(business, null);
    }

    /** {@code deadline}: the reads' (CalendarCalls), null for none (one business: the calendar's own timeouts). */
    private Health check(Business business, Deadline deadline) {
        try {
            calendar.to("direct:calendar-service")
                    .withProcessor(exchange -> {
                        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
                        if (deadline != null) {
                            exchange.setProperty(Deadline.PROPERTY, deadline);
                        }
                    })
                    .request(CalendarService.class);
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("reason", CalendarRequestMetrics.outcome(e)).build();
        }
    }
}
