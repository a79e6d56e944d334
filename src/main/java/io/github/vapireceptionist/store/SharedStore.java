package io.github.vapireceptionist.store;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.vapireceptionist.business.Businesses;

/**
 * State that several instances of the app must share: remembered answers, counters within a window and
 * claims that only one instance wins. In this instance's memory unless REDIS_URL is set, then in Redis
 * (with this instance's memory as the fallback while Redis does not answer). Each feature asks once for
 * its own kind, a short lower-case name (e.g. {@code auth-failures}) that becomes part of every key;
 * {@code capacity} bounds the entries of that kind kept in memory.
 *
 * <p>What is one business's (its remembered answers, its callers' attempts, its claims) is asked of
 * {@link #forBusiness}: the same store, whose keys carry that business (StoreKeys), and whose memory is a map of
 * its own, so one business filling its share never evicts another's entries. A kind's capacity bounds every
 * business's entries of that kind together: each business's map holds an equal share of it (DividedCapacity). This
 * store itself is the {@value Businesses#DEFAULT_ID} business's, with the keys there were before there were several.
 */
public interface SharedStore {

    RememberedAnswers answers(String kind, int capacity);

    WindowCounters counters(String kind, int capacity);

    Claims claims(String kind, int capacity);

    /** Work that must be settled by someone, kept until taken; at most {@code capacity} in memory. */
    OpenItems openItems(String kind, int capacity);

    /**
     * The same store for one business's entries: its keys carry {@code businessId} (unchanged for
     * {@value Businesses#DEFAULT_ID}); each kind asked of it is a map of its own in memory.
     */
    SharedStore forBusiness(String businessId);

    /**
     * This business's view gives back its shares of the kinds' bounds: the maps made from it so far leave them, and
     * those made from it afterwards never join them, so the businesses still here share the whole capacity again. For
     * a business a reload removed (its maps are dropped), or a call still in flight for it (its maps are kept nowhere).
     * The store's own view has no share to give: nothing.
     */
    void leave();

    /** Whether the state is shared with other instances (Redis), or only this instance's. */
    boolean shared();

    /** This instance's memory only: today's behaviour, and what an instance without REDIS_URL gets. */
    static SharedStore inMemory() {
        return inMemory(Ticker.systemTicker());
    }

    /** As {@link #inMemory()}, its expiries read on {@code ticker} (tests move time on). */
    static SharedStore inMemory(Ticker ticker) {
        return new MemoryStore(StoreKey.random(), ticker, Businesses.DEFAULT_ID);
    }
}
