package io.github.vapireceptionist.store;

import java.time.Duration;

/** Every entry expires: a positive ttl, in whole milliseconds (at least one) as Redis wants it. */
final class Ttl {

    private Ttl() {
    }

    static void require(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("every entry expires: a positive ttl is needed, got " + ttl);
        }
    }

    static long millis(Duration ttl) {
        require(ttl);
        return Math.max(1, ttl.toMillis());
    }
}
