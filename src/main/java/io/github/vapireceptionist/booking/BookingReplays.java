package io.github.vapireceptionist.booking;

import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answers given to recent book, cancel and reschedule tool calls, by tool call id, so a call Vapi
 * sends again gets the same answer at once. Only a shortcut: a booking is also found again from the
 * calendar itself (same customer, same slot), which survives restarts and holds across instances.
 */
public class BookingReplays {

    /** The caller's email is kept beside the answer only so that an erasure can find their entries. */
    private record Remembered(ToolAnswer answer, String email, Instant expires) {
    }

    private final Clock clock;
    private final Duration keep;
    private final Map<String, Remembered> answers;

    public BookingReplays(Clock clock, BookingProperties properties) {
        this.clock = clock;
        this.keep = Duration.ofHours(properties.replayHours());
        int capacity = properties.replayCapacity();
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<ToolAnswer> find(String toolCallId) {
        if (toolCallId == null) {
            return Optional.empty();
        }
        Remembered entry = answers.get(toolCallId);
        if (entry == null || entry.expires().isBefore(clock.instant())) {
            answers.remove(toolCallId);
            return Optional.empty();
        }
        return Optional.of(entry.answer());
    }

    /** The answer this tool call got before, if any, decided again; whether there was one. */
    public boolean replay(String toolCallId, ToolDecision decision) {
        Optional<ToolAnswer> answered = find(toolCallId);
        answered.ifPresent(decision::decide);
        return answered.isPresent();
    }

    /** The decided answer, remembered (unless it holds only for now) so a re-sent call gets it again. */
    public ToolAnswer answer(String toolCallId, String email, ToolDecision decision) {
        if (decision.worthRepeating()) {
            remember(toolCallId, email, decision.answer());
        }
        return decision.answer();
    }

    public synchronized void remember(String toolCallId, String email, ToolAnswer answer) {
        if (toolCallId != null) {
            answers.put(toolCallId, new Remembered(answer, email, clock.instant().plus(keep)));
        }
    }

    /** GDPR erasure: forgets every answer given to that email (case-insensitive); how many there were. */
    public synchronized int forget(String email) {
        int before = answers.size();
        answers.values().removeIf(entry -> entry.email() != null && entry.email().equalsIgnoreCase(email));
        return before - answers.size();
    }

    /** Tests: forget everything. */
    public synchronized void clear() {
        answers.clear();
    }
}
