package io.github.vapireceptionist.catalog;

import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.core.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line's {@link Catalog}, kept in memory: read from the calendar by routes/refresh-catalog.camel.yaml on a
 * schedule (CATALOG_REFRESH_MINUTES, routes/catalog-schedule.camel.yaml) and on demand, when a call needs it
 * and it is older than that or was never read (at most once per {@link #RETRY} while the calendar fails).
 * A calendar whose catalog cannot be read leaves the last one read, or the configured ids
 * (EASYAPPOINTMENTS_SERVICE_ID, EASYAPPOINTMENTS_PROVIDER_ID), in place. Logs carry ids only: the
 * providers' secrets are never even read ({@link ProviderRecord}).
 * One read at a time (single flight): calls that need the catalog while it is being read wait for that read,
 * within their own budget, instead of reading it again.
 */
public class StaffCatalog {

    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(StaffCatalog.class);

    private final Clock clock;
    private final CatalogProperties line;
    private final int defaultServiceId;
    private final Duration refreshEvery;
    private final Catalog configured;
    private volatile Catalog current;
    private volatile Instant readAt = Instant.MIN;
    private volatile Instant triedAt = Instant.MIN;
    private volatile boolean failing;
    private final AtomicReference<CompletableFuture<Void>> reading = new AtomicReference<>();

    public StaffCatalog(Clock clock, CatalogProperties line, int serviceId, int providerId, String timezone) {
        this.clock = clock;
        this.line = line;
        this.defaultServiceId = serviceId;
        this.refreshEvery = Duration.ofMinutes(line.refreshMinutes());
        this.configured = Catalog.configured(serviceId, providerId, timezone, line);
        this.current = configured;
    }

    /** Back to the configured ids, as at start (tests sharing one application). */
    void forget() {
        current = configured;
        readAt = Instant.MIN;
        triedAt = Instant.MIN;
        failing = false;
        readOver();
    }

    public Catalog current() {
        return current;
    }

    /**
     * Never read, or read longer ago than the refresh period; not retried more than once per {@link #RETRY}, but
     * a read under way is waited for.
     */
    public boolean needsRefresh() {
        Instant now = clock.instant();
        boolean stale = !current.fromCalendar() || now.isAfter(readAt.plus(refreshEvery));
        return stale && (reading.get() != null || now.isAfter(triedAt.plus(RETRY)));
    }

    /** A new read, or null when one is already under way: wait for it ({@link #awaitRead}) instead. */
    public CatalogRead startRead() {
        if (!reading.compareAndSet(null, new CompletableFuture<>())) {
            return null;
        }
        triedAt = clock.instant();
        return new CatalogRead();
    }

    /** Waits for the read under way, at most until the caller's deadline (none: {@link #RETRY}); what it left is current. */
    public void awaitRead(@ExchangeProperty(Deadline.PROPERTY) Deadline deadline) {
        CompletableFuture<Void> underWay = reading.get();
        if (underWay == null) {
            return;
        }
        try {
            underWay.get((deadline == null ? RETRY : deadline.remaining()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException notYet) {
            // the catalog as it is: the configured ids or the last one read
        }
    }

    /** The read is over, read or not: those waiting go on. */
    public void readOver() {
        CompletableFuture<Void> done = reading.getAndSet(null);
        if (done != null) {
            done.complete(null);
        }
    }

    public void servicesPage(@ExchangeProperty("catalogRead") CatalogRead read, @Body List<ServiceRecord> page) {
        read.services(page);
    }

    public void providersPage(@ExchangeProperty("catalogRead") CatalogRead read, @Body List<ProviderRecord> page) {
        read.providers(page);
    }

    public void loaded(@ExchangeProperty("catalogRead") CatalogRead read) {
        Catalog catalog = new Catalog(read.services(), read.providers(), line, defaultServiceId, true);
        current = catalog;
        readAt = clock.instant();
        failing = false;
        log.info("catalog_refreshed service_ids={} provider_ids={}", catalog.services().stream().map(ServiceRecord::id).toList(),
                catalog.providers().stream().map(ProviderRecord::id).toList());
        if (catalog.services().isEmpty()) {
            log.warn("catalog_empty: the calendar lists no public service offered by a provider of this line "
                    + "(EASYAPPOINTMENTS_SERVICE_IDS, EASYAPPOINTMENTS_PROVIDER_IDS)");
        }
    }

    /** Keeps what it had; logged once per outage, not once per attempt. */
    public void unreachable(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        if (!failing) {
            failing = true;
            log.warn("catalog_unreachable keeping={} reason={}", current.fromCalendar() ? "last_read" : "configured_ids",
                    failure == null ? "unknown" : failure.getClass().getSimpleName());
        }
    }
}
