package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.TestBusinesses;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A kind's capacity in this instance's memory is the deployment's, not each business's: with capacity 10 and two
 * businesses, their remembered answers, counters and claims of one kind together never exceed 10 (5 each), and one
 * business's entries are never answered to the other, though both use the same keys. What the store keeps per
 * deployment (not per business: failed authentications, open items) keeps its whole capacity.
 */
class MemoryCapacityPerDeploymentTest {

    private static final Duration TTL = Duration.ofHours(1);

    private final SharedStore store = SharedStore.inMemory();

    @Test
    void twoBusinessesAnswersOfOneKindShareItsCapacityAndNeverEachOthersEntries() {
        MemoryAnswers north = (MemoryAnswers) store.forBusiness("north").answers("tool-answers", 10);
        MemoryAnswers south = (MemoryAnswers) store.forBusiness("south").answers("tool-answers", 10);

        for (int i = 0; i < 10; i++) {
            north.put("call-" + i, "north's answer " + i, TTL, null);
            south.put("call-" + i, "south's answer " + i, TTL, null);
        }

        assertThat(held(north) + held(south)).isLessThanOrEqualTo(10);
        assertThat(held(north)).isEqualTo(5);
        assertThat(held(south)).isEqualTo(5);
        IntStream.range(0, 10).forEach(i -> {
            assertThat(north.get("call-" + i).orElse("north's: evicted")).startsWith("north's");
            assertThat(south.get("call-" + i).orElse("south's: evicted")).startsWith("south's");
        });
    }

    @Test
    void countersAndClaimsShareTheirKindsCapacityToo() {
        MemoryCounters northCallers = (MemoryCounters) store.forBusiness("north").counters("caller-attempts", 10);
        MemoryCounters southCallers = (MemoryCounters) store.forBusiness("south").counters("caller-attempts", 10);
        MemoryClaims northSent = (MemoryClaims) store.forBusiness("north").claims("confirmations", 10);
        MemoryClaims southSent = (MemoryClaims) store.forBusiness("south").claims("confirmations", 10);

        for (int i = 0; i < 10; i++) {
            northCallers.increment("+4471234567" + i, TTL);
            southCallers.increment("+4471234567" + i, TTL);
            assertThat(northSent.claim("kept:" + i, TTL)).isTrue();
            assertThat(southSent.claim("kept:" + i, TTL)).as("south's appointment %s is not north's", i).isTrue();
        }

        assertThat(List.of(held(northCallers), held(southCallers), held(northSent), held(southSent))).containsOnly(5L);
        // which five callers a full map keeps is Caffeine's choice (it may refuse the newest): look at all ten
        List<Long> southsCounts = IntStream.range(0, 10).mapToObj(i -> southCallers.peek("+4471234567" + i).count()).toList();
        assertThat(southsCounts).as("south's own counts, never north's added").isSubsetOf(0L, 1L).contains(1L);
    }

    @Test
    void theOneBusinessAndTheStoresOwnKindsKeepTheWholeCapacity() {
        MemoryAnswers only = (MemoryAnswers) store.forBusiness("default").answers("tool-answers", 10);
        MemoryAnswers deployments = (MemoryAnswers) store.answers("auth-failures", 10);
        for (int i = 0; i < 10; i++) {
            only.put("call-" + i, "answer " + i, TTL, null);
            deployments.put("address-" + i, "1", TTL, null);
        }
        assertThat(held(only)).as("the one business: all of it, as before there were several").isEqualTo(10);

        store.forBusiness("north").answers("tool-answers", 10);
        store.forBusiness("north").answers("auth-failures", 10);

        assertThat(held(only)).as("shared with north now: half each").isEqualTo(5);
        assertThat(held(deployments)).as("the store's own map of a kind: per deployment, not shared").isEqualTo(10);
    }

    @Test
    void aBusinessARemovalTakesAwayGivesItsShareBackAndKeepsNothing() {
        Business north = TestBusinesses.business("north", null);
        Business south = TestBusinesses.business("south", null);
        Businesses businesses = new Businesses(List.of(north, south), true);
        PerBusinessStore<RememberedAnswers> answers = new PerBusinessStore<>(store, businesses,
                forBusiness -> forBusiness.answers("tool-answers", 10));
        MemoryAnswers northsMap = (MemoryAnswers) answers.ofId("north");
        MemoryAnswers southsMap = (MemoryAnswers) answers.ofId("south");
        fill(northsMap, "north");
        fill(southsMap, "south");
        assertThat(List.of(held(northsMap), held(southsMap))).containsOnly(5L);

        businesses.replace(List.of(north));
        fill(northsMap, "north");

        assertThat(held(northsMap)).as("south's share is north's again").isEqualTo(10);
        MemoryAnswers inFlight = (MemoryAnswers) answers.ofId("south");
        assertThat(inFlight).as("a call still in flight for south: nothing of south's kept").isNotSameAs(southsMap);
        assertThat(inFlight.get("call-9")).isEmpty();
        fill(inFlight, "south");
        fill(northsMap, "north");
        assertThat(held(northsMap)).as("that call's map takes no share for good").isEqualTo(10);

        businesses.replace(List.of(north, south));
        MemoryAnswers southAgain = (MemoryAnswers) answers.ofId("south");
        assertThat(southAgain.get("call-9")).as("south added again starts empty").isEmpty();
        fill(southAgain, "south");
        assertThat(List.of(held(northsMap), held(southAgain))).containsOnly(5L);
    }

    private static void fill(MemoryAnswers answers, String business) {
        for (int i = 0; i < 10; i++) {
            answers.put("call-" + i, business + "'s answer " + i, TTL, null);
        }
    }

    private static long held(MemoryAnswers answers) {
        return held(answers.map());
    }

    private static long held(MemoryCounters counters) {
        return held(counters.map());
    }

    private static long held(MemoryClaims claims) {
        return held(claims.map());
    }

    private static long held(Cache<?, ?> map) {
        map.cleanUp();
        return map.estimatedSize();
    }
}
