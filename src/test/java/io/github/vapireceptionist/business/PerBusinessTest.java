package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class PerBusinessTest {

    static Business business(String id, String name) {
        return new Business(id, name, ZoneId.of("Europe/London"), "GB", null, Business.Vapi.NONE,
                new Business.Webhook(null, null), new Business.Calendar(null, null, null, null, 1, 2, List.of(), List.of()),
                new Business.Confirmations(null, null, null, null, List.of(), null), null);
    }

    private final AtomicInteger made = new AtomicInteger();
    private final List<String> dropped = new ArrayList<>();
    private final PerBusiness<String> parts = new PerBusiness<>(b -> b.id() + "#" + made.incrementAndGet(), dropped::add);

    @Test
    void eachBusinessHasItsOwnPartMadeOnceWhileItsSettingsStayTheSame() {
        Business north = business("north", "North");
        Business south = business("south", "South");

        assertThat(parts.of(north)).isEqualTo("north#1");
        assertThat(parts.of(south)).isEqualTo("south#2");
        assertThat(parts.of(business("north", "North"))).isEqualTo("north#1");
        assertThat(made).hasValue(2);
        assertThat(dropped).isEmpty();
    }

    @Test
    void aChangedBusinessGetsANewPartAndTheOldOneIsDropped() {
        parts.of(business("north", "North"));

        assertThat(parts.of(business("north", "North Street"))).isEqualTo("north#2");
        assertThat(dropped).containsExactly("north#1");
    }

    @Test
    void aPartMadeFromSomeSettingsOnlyIsKeptWhenOthersChange() {
        PerBusiness<String> byZone = new PerBusiness<>(Business::timezone, b -> b.timezone() + "#" + made.incrementAndGet(),
                dropped::add);
        byZone.of(business("north", "North"));

        assertThat(byZone.of(business("north", "North Street"))).isEqualTo("Europe/London#1");
        assertThat(dropped).isEmpty();
    }

    @Test
    void theBusinessesNoLongerInTheSetLoseTheirParts() {
        Business north = business("north", "North");
        parts.of(north);
        parts.of(business("south", "South"));

        parts.retain(new Businesses(List.of(north), true).snapshot());

        assertThat(dropped).containsExactly("south#2");
        assertThat(parts.made()).containsOnlyKeys("north");
    }

    @Test
    void aReplacedSetDropsThePartsOfTheBusinessesThatLeftIt() {
        Business north = business("north", "North");
        Business south = business("south", "South");
        Businesses businesses = new Businesses(List.of(north, south), true);
        parts.droppedWhenGoneFrom(businesses);
        parts.of(north);
        parts.of(south);

        businesses.replace(List.of(south));

        assertThat(dropped).containsExactly("north#1");
        assertThat(parts.made()).containsOnlyKeys("south");
    }

    @Test
    void aRecordOlderThanTheCurrentOneNeverReplacesItsPartAndARemovedBusinessDoesNotComeBack() {
        Business before = business("north", "North");
        Business after = business("north", "North Street");
        Businesses businesses = new Businesses(List.of(before, business("south", "South")), true);
        parts.droppedWhenGoneFrom(businesses);
        parts.of(before);

        businesses.replace(List.of(after));

        assertThat(parts.of(after)).isEqualTo("north#2");
        assertThat(parts.of(before)).as("a request that began before the reload").isEqualTo("north#3");
        assertThat(parts.of(after)).isEqualTo("north#2");
        assertThat(parts.of(business("south", "South"))).as("a request of a business since removed").isEqualTo("south#4");
        assertThat(parts.made()).containsOnlyKeys("north");
        assertThat(dropped).containsExactly("north#1");
    }

    @Test
    void aPartMadeWhileAReloadRemovesItsBusinessIsNotKept() {
        Business north = business("north", "North");
        Business south = business("south", "South");
        Businesses businesses = new Businesses(List.of(north, south), true);
        List<String> gone = new ArrayList<>();
        // the reload runs (and retains) after of() found south in the set and before its part is inserted
        PerBusiness<String> racing = new PerBusiness<String>(b -> {
            if (b.id().equals("south") && made.get() == 0) {
                businesses.replace(List.of(north));
            }
            return b.id() + "#" + made.incrementAndGet();
        }, dropped::add).droppedWhenGoneFrom(businesses, gone::add);

        assertThat(racing.of(south)).as("the call in flight still gets a part").isEqualTo("south#1");

        assertThat(racing.made()).doesNotContainKey("south");
        assertThat(dropped).containsExactly("south#1");
        assertThat(gone).containsExactly("south#1");
    }

    @Test
    void aPartKeptNowhereIsMadeByItsOwnFactory() {
        Business before = business("north", "North");
        Businesses businesses = new Businesses(List.of(before, business("south", "South")), true);
        parts.droppedWhenGoneFrom(businesses).keptNowhere(b -> "unkept " + b.id());
        parts.of(before);

        businesses.replace(List.of(business("north", "North Street")));

        assertThat(parts.of(business("north", "North Street"))).isEqualTo("north#2");
        assertThat(parts.of(before)).as("a request that began before the reload").isEqualTo("unkept north");
        assertThat(parts.of(business("south", "South"))).as("a request of a business since removed").isEqualTo("unkept south");
        assertThat(parts.made()).containsOnlyKeys("north");
    }

    @Test
    void anExchangeIsForTheBusinessOnItOrTheOnlyOneAndNeverAGuessAmongSeveral() {
        Business north = business("north", "North");
        Business south = business("south", "South");
        Businesses two = new Businesses(List.of(north, south), true);
        Exchange stamped = new DefaultExchange(new DefaultCamelContext());
        stamped.setProperty(Businesses.EXCHANGE_PROPERTY, south);
        Exchange unstamped = new DefaultExchange(new DefaultCamelContext());

        assertThat(two.of(stamped)).isEqualTo(south);
        assertThat(new Businesses(List.of(north), true).of(unstamped)).isEqualTo(north);
        assertThatThrownBy(() -> two.of(unstamped)).isInstanceOf(Businesses.NoBusinessException.class)
                .hasMessageContaining("names no business");
    }
}
