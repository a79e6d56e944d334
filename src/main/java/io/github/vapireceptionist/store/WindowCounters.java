package io.github.vapireceptionist.store;

import java.time.Duration;

/**
 * Counts per key within a fixed window that starts with the key's first count and ends {@code window}
 * later, when the count starts again from zero.
 */
public interface WindowCounters {

    /** The count so far in this key's window, and how long until the window ends (zero when there is none). */
    record Count(long count, Duration resetsIn) {

        static final Count NONE = new Count(0, Duration.ZERO);
    }

    /** Counts one more; the first count of a window sets when it ends. */
    Count increment(String key, Duration window);

    /** The count without adding to it. */
    Count peek(String key);
}
