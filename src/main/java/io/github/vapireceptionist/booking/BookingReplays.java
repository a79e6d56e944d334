package io.github.vapireceptionist.booking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolDecision;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.store.PerBusinessStore;
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
 * reads back the same wherever it is replayed. Each business has its own ({@link #of}): appointment 42 of one
 * calendar is not appointment 42 of another. Only a shortcut for bookings: a booking is also found again
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

    /** One business's two kinds. */
    private record Kinds(RememberedAnswers answers, RememberedAnswers cancellations) {
    }

    private final ObjectMapper json;
    private final Duration keep;
    private final PerBusinessStore<Kinds> stores;
    /** Whose answers these are; null: the only business's. */
    private final String businessId;

    /** This instance's memory only. */
    public BookingReplays(BookingProperties properties) {
        this(properties, SharedStore.inMemory(), new ObjectMapper());
    }

    /** The one business {@value Businesses#DEFAULT_ID}'s (tests of one business). */
    public BookingReplays(BookingProperties properties, SharedStore store, ObjectMapper json) {
        this(properties, store, json, null);
    }

    /** Each of {@code businesses} has its own (SharedStore.forBusiness); this one is the only business's. */
    public BookingReplays(BookingProperties properties, SharedStore store, ObjectMapper json, Businesses businesses) {
        int capacity = properties.replayCapacity();
        this.json = json;
        this.keep = Duration.ofHours(properties.replayHours());
        this.stores = new PerBusinessStore<>(store, businesses,
                forBusiness -> new Kinds(forBusiness.answers(TOOL_ANSWERS, capacity), forBusiness.answers(CANCELLATIONS, capacity)));
        this.businessId = null;
    }

    private BookingReplays(BookingReplays all, String businessId) {
        this.json = all.json;
        this.keep = all.keep;
        this.stores = all.stores;
        this.businessId = businessId;
    }

    /**
     * {@code business}'s answers (null: the only business's; refused when there are several): a tool call or an
     * appointment id of one business is never answered from another's, nor erased with another's.
     */
    public BookingReplays of(Business business) {
        return new BookingReplays(this, business == null ? null : business.id());
    }

    /** The business {@code businessId}'s answers (the reconciler's: an uncertain write names its business by id). */
    public BookingReplays ofId(String businessId) {
        return new BookingReplays(this, businessId);
    }

    private Kinds kinds() {
        return businessId == null ? stores.of((Business) null) : stores.ofId(businessId);
    }

    public Optional<ToolAnswer> find(String toolCallId) {
        return toolCallId == null ? Optional.empty() : kinds().answers().get(toolCallId).flatMap(this::read).map(Stored::answer);
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
            kinds().answers().put(toolCallId, write(null, answer), keep, email);
        }
    }

    /** A cancellation just done: asked again, by the same customer, the same answer. */
    public void rememberCancellation(int appointmentId, int customerId, String email, ToolAnswer answer) {
        kinds().cancellations().put(Integer.toString(appointmentId), write(customerId, answer), keep, email);
    }

    public Optional<Cancellation> cancellation(Integer appointmentId) {
        if (appointmentId == null) {
            return Optional.empty();
        }
        return kinds().cancellations().get(appointmentId.toString()).flatMap(this::read)
                .filter(stored -> stored.customerId() != null)
                .map(stored -> new Cancellation(stored.customerId(), stored.answer()));
    }

    /**
     * GDPR erasure: forgets every answer given to that email (case-insensitive); how many there were. When Redis
     * fails (SharedStoreUnavailableException) both kinds are still forgotten in memory before the failure is thrown.
     */
    public int forget(String email) {
        Kinds kinds = kinds();
        int forgotten;
        try {
            forgotten = kinds.answers().forgetPerson(email);
        } catch (SharedStoreUnavailableException e) {
            kinds.cancellations().forgetPerson(email);
            throw e;
        }
        return forgotten + kinds.cancellations().forgetPerson(email);
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

    /** Tests: forget what this instance's memory holds, for every business (Redis keeps its own until each entry expires). */
    public void clear() {
        stores.clear();
    }
}
