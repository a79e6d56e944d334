package io.github.vapireceptionist.resilience;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Policy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.apache.camel.util.concurrent.CamelThreadFactory;

/**
 * Each business's own threads for the calendar lookups one tool call makes at the same time (book_appointment's two
 * lookups, check_availability's days and people: routes/look-up-booking.camel.yaml,
 * routes/search-availabilities.camel.yaml). A business whose calendar hangs holds its own threads only: once they are
 * all busy its further lookups run one after the other on its caller's thread (the pools' CallerRuns), while another
 * business's lookups still run at the same time on theirs.
 *
 * <p>The {@code policy} step ({@code ref: businessLookups}) around the split or multicast names the exchange's business
 * to the executor the split hands its lookups to ({@link #pools}, one per thread pool profile of
 * {@code camel.threadpool.config}); every lookup, and every lookup a lookup hands on, runs on that business's pool,
 * made on first use from the profile (its sizes, queue and CallerRuns). Without BUSINESSES_FILE the one business's
 * pool is what the profile alone made before (same sizes and thread names). With one, a business's threads end when
 * idle (the profile's keep-alive), so a business that takes no calls holds none, and one that left the file is
 * forgotten.
 */
public final class BusinessLookups implements Policy, AutoCloseable {

    /** The business whose lookups this thread hands on: set around the split by the policy, and on each lookup. */
    private static final ThreadLocal<Business> HANDING = new ThreadLocal<>();

    private final Businesses businesses;
    private final List<Pools> made = new CopyOnWriteArrayList<>();

    public BusinessLookups(Businesses businesses) {
        this.businesses = businesses;
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare: the business is the exchange's
    }

    @Override
    public Processor wrap(Route route, Processor steps) {
        return new DelegateAsyncProcessor(steps) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Business business;
                try {
                    business = businesses.of(exchange);
                } catch (Businesses.NoBusinessException lost) {
                    exchange.setException(lost);
                    callback.done(true);
                    return true;
                }
                Business before = HANDING.get();
                HANDING.set(business);
                try {
                    return processor.process(exchange, callback);
                } finally {
                    handing(before);
                }
            }
        };
    }

    /**
     * The executor of the lookups of {@code camel}'s thread pool profile {@code profileId} (camel.threadpool.config): a
     * pool of the profile per business. Its threads are named {@code <profileId>:<businessId>}, and without
     * BUSINESSES_FILE {@code defaultName}, as Camel names the threads of the EIP it serves (Split, Multicast).
     */
    public ExecutorService pools(CamelContext camel, String profileId, String defaultName) {
        Pools pools = new Pools(camel, profileId, defaultName);
        made.add(pools);
        return pools;
    }

    /** Once Camel has stopped (the bean's end): every business's threads end. */
    @Override
    public void close() {
        made.forEach(Pools::shutdown);
    }

    private static void handing(Business business) {
        if (business == null) {
            HANDING.remove();
        } else {
            HANDING.set(business);
        }
    }

    /** Each business's pool of one profile, made on first use. */
    private final class Pools extends AbstractExecutorService {

        private final CamelContext camel;
        private final String profileId;
        private final String defaultName;
        private final PerBusiness<ExecutorService> pools;
        private volatile boolean shutdown;

        Pools(CamelContext camel, String profileId, String defaultName) {
            this.camel = camel;
            this.profileId = profileId;
            this.defaultName = defaultName;
            // a business that left: its pool is let go, not shut down (a pool shut down discards what CallerRuns would
            // run), and its threads end when idle; a call of it still in flight runs its lookups on its own thread, one
            // after the other, rather than on a pool made for it and kept nowhere
            this.pools = new PerBusiness<ExecutorService>(Business::id, this::poolOf, pool -> { })
                    .droppedWhenGoneFrom(businesses).keptNowhere(business -> null);
        }

        private ExecutorService poolOf(Business business) {
            ExecutorServiceManager manager = camel.getExecutorServiceManager();
            ThreadPoolProfile configured = manager.getThreadPoolProfile(profileId);
            if (configured == null) {
                throw new IllegalStateException("no thread pool profile " + profileId + " (camel.threadpool.config)");
            }
            ThreadPoolProfile profile = configured.clone();
            profile.addDefaults(manager.getDefaultThreadPoolProfile());
            if (businesses.fromFile()) {
                profile.setAllowCoreThreadTimeOut(true);
            }
            String name = businesses.fromFile() ? profileId + ":" + business.id() : defaultName;
            return manager.getThreadPoolFactory().newThreadPool(profile,
                    new CamelThreadFactory(manager.getThreadNamePattern(), name, true));
        }

        /**
         * On the pool of the business this thread hands lookups on for; a lookup handed on with no business named (a
         * split without the policy) runs on the only business's pool, or with several on the caller's thread.
         */
        @Override
        public void execute(Runnable lookup) {
            Business business = HANDING.get();
            if (business == null) {
                List<Business> all = businesses.all();
                if (all.size() != 1) {
                    lookup.run();
                    return;
                }
                business = all.get(0);
            }
            Business of = business;
            ExecutorService pool = pools.of(of);
            if (pool == null) {
                lookup.run();
                return;
            }
            pool.execute(() -> {
                Business before = HANDING.get();
                HANDING.set(of);
                try {
                    lookup.run();
                } finally {
                    handing(before);
                }
            });
        }

        @Override
        public void shutdown() {
            shutdown = true;
            pools.made().values().forEach(ExecutorService::shutdown);
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return pools.made().values().stream().flatMap(pool -> pool.shutdownNow().stream()).toList();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown && pools.made().values().stream().allMatch(ExecutorService::isTerminated);
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            for (Map.Entry<String, ExecutorService> pool : pools.made().entrySet()) {
                if (!pool.getValue().awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
            return true;
        }
    }
}
