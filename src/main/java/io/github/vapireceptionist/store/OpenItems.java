package io.github.vapireceptionist.store;

import java.util.Map;

/**
 * Items of work that must not be forgotten until someone settles them (the uncertain writes the reconciler
 * settles): no expiry, listed whole, and taken by exactly one of the instances that try ({@link #take}).
 * Unlike remembered answers the key is kept in clear, since the item has to be found again by reading the list.
 */
public interface OpenItems {

    /** Adds or replaces the item under {@code id}. */
    void put(String id, String value);

    /** Every open item, by id; a store that cannot list them all fails (SharedStoreUnavailableException). */
    Map<String, String> all();

    /**
     * The item under {@code id}, removed: true for exactly one of the callers while it is open. False too when the
     * store could not say (Redis did not answer in time): then the item is not lost, {@link #all} lists it again
     * (with Redis, once the take's lease is over) and a later take gets it.
     */
    boolean take(String id);
}
