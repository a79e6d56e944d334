package io.github.vapireceptionist.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Answers already given, by a key such as a tool call id, each for a limited time. An answer may name
 * the person it was given to (their email), so that a GDPR erasure can forget it; the email is kept
 * only as a hash.
 */
public interface RememberedAnswers {

    /** Remembers {@code value} under {@code key} for {@code ttl}, replacing what was there. */
    default void put(String key, String value, Duration ttl) {
        put(key, value, ttl, null);
    }

    /** As {@link #put(String, String, Duration)}, for the person with this email (null: nobody). */
    void put(String key, String value, Duration ttl, String personEmail);

    Optional<String> get(String key);

    void remove(String key);

    /** GDPR erasure: forgets every answer put for this email (case-insensitive); how many there were. */
    int forgetPerson(String email);
}
