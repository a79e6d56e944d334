package io.github.vapireceptionist.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.TestBusinesses;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the lookups of an exchange run: on its business's own pool of the profile (threads named for the profile and
 * the business), and so do the lookups a lookup hands on; without BUSINESSES_FILE on one pool whose threads are named as
 * Camel named the split's, as before. The isolation under a hanging calendar is LookupThreadsPerBusinessTest.
 */
class BusinessLookupsTest {

    private static final Business NORTH = TestBusinesses.business("north", "http://north.invalid");
    private static final Business SOUTH = TestBusinesses.business("south", "http://south.invalid");

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void profile() {
        ThreadPoolProfile lookups = new ThreadPoolProfile("team-lookups");
        lookups.setPoolSize(1);
        lookups.setMaxPoolSize(2);
        lookups.setMaxQueueSize(0);
        camel.getExecutorServiceManager().registerThreadPoolProfile(lookups);
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void eachBusinesssLookupsAndTheLookupsTheyHandOnRunOnItsOwnPool() throws Exception {
        BusinessLookups lookups = new BusinessLookups(new Businesses(List.of(NORTH, SOUTH), true));
        ExecutorService executor = lookups.pools(camel, "team-lookups", "Split");

        assertThat(threadOfLookup(lookups, executor, NORTH)).endsWith(" - team-lookups:north");
        assertThat(threadOfLookup(lookups, executor, SOUTH)).endsWith(" - team-lookups:south");
        assertThat(threadOfLookupOfLookup(lookups, executor, SOUTH)).endsWith(" - team-lookups:south");
        lookups.close();
        assertThat(executor.isShutdown()).isTrue();
    }

    @Test
    void theOneBusinessWithoutAFileHasThePoolOfTheProfileAsBefore() throws Exception {
        Business only = TestBusinesses.business(Businesses.DEFAULT_ID, "http://calendar.invalid");
        BusinessLookups lookups = new BusinessLookups(Businesses.single(only));
        ExecutorService executor = lookups.pools(camel, "team-lookups", "Split");

        assertThat(threadOfLookup(lookups, executor, only)).endsWith(" - Split");
        assertThat(executor.submit(() -> Thread.currentThread().getName()).get()).as("a lookup handed on outside the policy")
                .endsWith(" - Split");
    }

    /** The thread a lookup handed to {@code executor} inside the policy's steps runs on, for an exchange of {@code business}. */
    private String threadOfLookup(BusinessLookups lookups, ExecutorService executor, Business business) throws Exception {
        return inPolicy(lookups, business, () -> executor.submit(() -> Thread.currentThread().getName()).get());
    }

    private String threadOfLookupOfLookup(BusinessLookups lookups, ExecutorService executor, Business business) throws Exception {
        return inPolicy(lookups, business, () -> executor.submit(() -> executor.submit(() -> Thread.currentThread().getName()).get()).get());
    }

    private String inPolicy(BusinessLookups lookups, Business business, Callable<String> lookup) throws Exception {
        String[] thread = new String[1];
        Processor steps = exchange -> thread[0] = lookup.call();
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
        lookups.wrap(null, steps).process(exchange);
        assertThat(exchange.getException()).isNull();
        return thread[0];
    }
}
