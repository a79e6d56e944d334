package io.github.vapireceptionist.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.TestBusinesses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tool_calls_refused_total of a business goes with it when a reload removes it, and a call still in flight for it
 * (holding its old record) does not bring the meter back.
 */
class BusinessBulkheadMetersTest {

    private static final Business NORTH = TestBusinesses.business("north", "http://north.invalid");
    private static final Business SOUTH = TestBusinesses.business("south", "http://south.invalid");

    @Test
    void aRemovedBusinesssMeterStaysGoneWhenACallInFlightStillNamesIt() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Businesses businesses = new Businesses(List.of(NORTH, SOUTH), true);
        BusinessBulkhead bulkhead = new BusinessBulkhead(businesses, 2, meters);
        bulkhead.bulkheadOf(NORTH);
        bulkhead.bulkheadOf(SOUTH);
        assertThat(meters.find("tool.calls.refused").tag("business", "north").counter()).isNotNull();

        businesses.replace(List.of(SOUTH));
        assertThat(meters.find("tool.calls.refused").tag("business", "north").counter()).as("dropped with north").isNull();

        assertThat(bulkhead.bulkheadOf(NORTH).getBulkheadConfig().getMaxConcurrentCalls()).as("the call in flight still has a share")
                .isEqualTo(2);
        assertThat(meters.find("tool.calls.refused").tag("business", "north").counter()).as("and no meter comes back").isNull();
        assertThat(meters.find("tool.calls.refused").tag("business", "south").counter()).isNotNull();
    }
}
