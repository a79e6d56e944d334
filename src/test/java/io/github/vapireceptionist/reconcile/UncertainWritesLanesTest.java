package io.github.vapireceptionist.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.store.SharedStore;
import io.github.vapireceptionist.support.TestBusinesses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's lanes: one per business with open items, holding that business's items only; a business whose lane
 * is still settling gets no second one (its items are not settled twice at once by this instance), while the others
 * get theirs at every run. The route side (a hanging calendar holds up only its own lane) is ReconcilerLanesTest.
 */
class UncertainWritesLanesTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final Business NORTH = TestBusinesses.business("north", "http://north.invalid");
    private static final Business SOUTH = TestBusinesses.business("south", "http://south.invalid");

    private final UncertainWrites writes = new UncertainWrites(SharedStore.inMemory(), 100,
            new ObjectMapper().registerModule(new JavaTimeModule()), new SimpleMeterRegistry(), (business, toolCallId, answer) -> { },
            Duration.ofSeconds(3), Duration.ofSeconds(120), Clock.systemUTC(), new Businesses(List.of(NORTH, SOUTH), true));

    @Test
    void eachBusinessGetsOneLaneOfItsOwnItemsAndNoSecondWhileItsFirstIsSettling() {
        open(NORTH, 41);
        open(NORTH, 42);
        open(SOUTH, 42);

        List<UncertainWrites.Lane> lanes = writes.lanes();
        assertThat(lanes).extracting(UncertainWrites.Lane::business).containsExactlyInAnyOrder("north", "south");
        UncertainWrites.Lane north = lane(lanes, "north");
        assertThat(north.items()).extracting(UncertainWrite::key).containsExactlyInAnyOrder("north:appointment-41", "north:appointment-42");
        assertThat(lane(lanes, "south").items()).extracting(UncertainWrite::key).containsExactly("south:appointment-42");

        writes.laneEnded(lane(lanes, "south"));
        assertThat(writes.lanes()).as("north's lane is still settling (its calendar hangs); south's is free again")
                .extracting(UncertainWrites.Lane::business).containsExactly("south");

        writes.laneEnded(north);
        assertThat(writes.lanes()).as("north's turn again at the next run").extracting(UncertainWrites.Lane::business)
                .containsExactly("north");
    }

    @Test
    void noOpenItemsNoLanes() {
        assertThat(writes.lanes()).isEmpty();
    }

    private void open(Business business, int appointmentId) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
        writes.unread(UncertainWrite.ofAppointment(WritePoint.CANCEL, appointmentId, "call-" + appointmentId, null), exchange);
    }

    private static UncertainWrites.Lane lane(List<UncertainWrites.Lane> lanes, String business) {
        return lanes.stream().filter(lane -> lane.business().equals(business)).findFirst().orElseThrow();
    }
}
