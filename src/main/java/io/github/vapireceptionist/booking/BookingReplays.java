package io.github.vapireceptionist.booking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolDecision;
import io.github.vapireceptionist.store.RememberedAnswers;
import io.github.vapireceptionist.store.SharedStore;
import io.github.vapireceptionist.store.SharedStoreUnavailableException;
import java.time.Duration;
import java.util.Optional;

/**
 * The answers given to recent book, cancel and reschedule tool calls, by tool call id, so a call Vapi
 * sends again gets the same answer at once, and the answers of recent cancellations, by appointment id
 * (a deleted appointment cannot be read back from the calendar). In the shared store: with REDIS_URL set,
 * an answer given by one instance is the answer of every other; the answer is kept as its JSON, so it
 * reads back the same wherever it is replayed. Only a shortcut for bookings: a booking is also found again
 * from the calendar itself (same customer, same slot), which survives restarts and a Redis outage.
 */
public class BookingReplays {

    static final String TOOL_ANSWERS = "tool-answers";
    static final String CANCELLATIONS = "cancellations";

    /** A remembered answer: its result as JSON, or its error; and for a cancellation, whose appointment it was. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Stored(Integer customerId, JsonNode result, String error) {

        ToolAnswer answer() {
            return error != null ? ToolAnswer.failure(error) : ToolAnswer.success(result);
        }
    }

    /** A cancellation remembered: the customer whose appointment it was, and what they were told. */
    public record Cancellation(int customerId, ToolAnswer answer) {
    }

    private final ObjectMapper json;
    private final Duration keep;
    private final SharedStore store;
    private final int capacity;
    private volatile RememberedAnswers answers;
    private volatile RememberedAnswers cancellations;

    /** This instance's memory only. */
    public BookingReplays(BookingProperties properties) {
        this(properties, SharedStore.inMemory(), new ObjectMapper());
    }

    public BookingReplays(BookingProperties properties, SharedStore store, ObjectMapper json) {
        this.json = json;
        this.keep = Duration.ofHours(properties.replayHours());
        this.store = store;
        this.capacity = properties.replayCapacity();
        clear();
    }

    public Optional<ToolAnswer> find(String toolCallId) {
        return toolCallId == null ? Optional.empty() : answers.get(toolCallId).flatMap(this::read).map(Stored::answer);
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

    /** {@code email}: the caller's, so that an erasure finds the answer (kept only as a keyed hash). */
    public void remember(String toolCallId, String email, ToolAnswer answer) {
        if (toolCallId != null) {
            answers.put(toolCallId, write(null, answer), keep, email);
        }
    }

    /** A cancellation just done: asked again, by the same customer, the same answer. */
    public void rememberCancellation(int appointmentId, int customerId, String email, ToolAnswer answer) {
        cancellations.put(Integer.toString(appointmentId), write(customerId, answer), keep, email);
    }

    public Optional<Cancellation> cancellation(Integer appointmentId) {
        if (appointmentId == null) {
            return Optional.empty();
        }
        return cancellations.get(appointmentId.toString()).flatMap(this::read)
                .filter(stored -> stored.customerId() != null)
                .map(stored -> new Cancellation(stored.customerId(), stored.answer()));
    }

    /**
     * GDPR erasure: forgets every answer given to that email (case-insensitive); how many there were. When Redis
     * fails (SharedStoreUnavailableException) both kinds are still forgotten in memory before the failure is thrown.
     */
    public int forget(String email) {
        int forgotten;
        try {
            forgotten = answers.forgetPerson(email);
        } catch (SharedStoreUnavailableException e) {
            cancellations.forgetPerson(email);
            throw e;
        }
        return forgotten + cancellations.forgetPerson(email);
    }

    private String write(Integer customerId, ToolAnswer answer) {
        Stored stored = answer.failed() ? new Stored(customerId, null, answer.error())
                : new Stored(customerId, json.valueToTree(answer.result()), null);
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer that cannot be written as JSON", e);
        }
    }

    /** Unreadable (written by another version): as if there were none, so the call runs afresh. */
    private Optional<Stored> read(String value) {
        try {
            return Optional.of(json.readValue(value, Stored.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Tests: forget what this instance's memory holds (Redis keeps its own until each entry expires). */
    public final void clear() {
        answers = store.answers(TOOL_ANSWERS, capacity);
        cancellations = store.answers(CANCELLATIONS, capacity);
    }
}
