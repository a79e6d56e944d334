package io.github.vapireceptionist.store;

import java.time.Duration;

/** Something done once: the first to claim a key wins it for {@code ttl}, every other claimant loses. */
public interface Claims {

    /** True for exactly one claimant of this key until the claim expires. */
    boolean claim(String key, Duration ttl);
}
