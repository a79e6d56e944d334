package io.github.vapireceptionist.business;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.slf4j.LoggerFactory;

/**
 * The businesses this deployment answers for, looked up by id and by the Vapi ids that select them. The set is an
 * immutable snapshot, replaced as a whole ({@link #replace}), so a request sees one consistent set from start to
 * end and a reload of BUSINESSES_FILE never shows half of a change.
 */
public final class Businesses {

    /** The id of the one business the environment variables describe when there is no BUSINESSES_FILE. */
    public static final String DEFAULT_ID = "default";
    /** The exchange property a webhook request's {@link Business} travels in, once the webhook has found it. */
    public static final String EXCHANGE_PROPERTY = "business";

    /** One consistent set: every business, by id and by the Vapi ids it claims. */
    public record Snapshot(List<Business> all, Map<String, Business> byId, Map<String, Business> byPhoneNumberId,
            Map<String, Business> byAssistantId) {

        static Snapshot of(List<Business> businesses) {
            Map<String, Business> byId = new HashMap<>();
            Map<String, Business> byPhoneNumberId = new HashMap<>();
            Map<String, Business> byAssistantId = new HashMap<>();
            for (Business business : businesses) {
                claim(byId, business.id(), business, "id");
                business.vapi().phoneNumberIds().forEach(id -> claim(byPhoneNumberId, id, business, "phone number id"));
                business.vapi().assistantIds().forEach(id -> claim(byAssistantId, id, business, "assistant id"));
            }
            return new Snapshot(List.copyOf(businesses), Map.copyOf(byId), Map.copyOf(byPhoneNumberId), Map.copyOf(byAssistantId));
        }

        private static void claim(Map<String, Business> claims, String key, Business business, String kind) {
            Business earlier = claims.putIfAbsent(key, business);
            if (earlier != null) {
                throw new IllegalArgumentException(kind + " " + key + " is claimed by both " + earlier.id() + " and " + business.id());
            }
        }
    }

    private final boolean fromFile;
    private final AtomicReference<Snapshot> current;
    private final List<Consumer<Snapshot>> onReplace = new CopyOnWriteArrayList<>();

    /** {@code fromFile}: the set comes from BUSINESSES_FILE (false: the one business of the environment variables). */
    public Businesses(List<Business> businesses, boolean fromFile) {
        if (businesses.isEmpty()) {
            throw new IllegalArgumentException("at least one business");
        }
        this.fromFile = fromFile;
        this.current = new AtomicReference<>(Snapshot.of(businesses));
    }

    /** The one business of the environment variables, as the app ran before BUSINESSES_FILE existed. */
    public static Businesses single(Business business) {
        return new Businesses(List.of(business), false);
    }

    /**
     * Whether requests must name their business (BUSINESSES_FILE): by the path or by a Vapi id it claims. Without
     * the file every request is for the one business, and nothing is read to find out.
     */
    public boolean fromFile() {
        return fromFile;
    }

    public Snapshot snapshot() {
        return current.get();
    }

    public List<Business> all() {
        return current.get().all();
    }

    public Optional<Business> byId(String id) {
        return Optional.ofNullable(id == null ? null : current.get().byId().get(id));
    }

    public Optional<Business> byPhoneNumberId(String phoneNumberId) {
        return Optional.ofNullable(phoneNumberId == null ? null : current.get().byPhoneNumberId().get(phoneNumberId));
    }

    public Optional<Business> byAssistantId(String assistantId) {
        return Optional.ofNullable(assistantId == null ? null : current.get().byAssistantId().get(assistantId));
    }

    /**
     * The business an exchange is for: the one the webhook found ({@value #EXCHANGE_PROPERTY}), or the one a timer or
     * a template stamped on it. An exchange that names none is for the only business when there is one; with several
     * it is refused ({@link NoBusinessException}), never given someone's by default.
     */
    public Business of(Exchange exchange) {
        Business business = exchange.getProperty(EXCHANGE_PROPERTY, Business.class);
        if (business != null) {
            return business;
        }
        List<Business> all = all();
        if (all.size() == 1) {
            return all.get(0);
        }
        throw new NoBusinessException(exchange.getFromRouteId());
    }

    /** An exchange with no business on it while there are several: a step that lost it, a bug to fix, never a guess. */
    public static final class NoBusinessException extends IllegalStateException {

        NoBusinessException(String routeId) {
            super("an exchange of route " + routeId + " names no business, and this deployment has several");
        }
    }

    /**
     * The set in one step: what a reload of the file calls once it has been read and checked. Then each listener
     * ({@link #onReplace}) hears the new set, so what a business that left had of its own is dropped.
     */
    public void replace(List<Business> businesses) {
        if (businesses.isEmpty()) {
            throw new IllegalArgumentException("at least one business");
        }
        Snapshot now = Snapshot.of(businesses);
        current.set(now);
        for (Consumer<Snapshot> listener : onReplace) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                // the new set is in place; what one listener failed to drop must not stop the others dropping theirs
                LoggerFactory.getLogger(Businesses.class).error("businesses_replaced: a listener failed", e);
            }
        }
    }

    /** {@code listener} hears every new set once it is in place: e.g. a {@link PerBusiness}'s {@code retain}. */
    public void onReplace(Consumer<Snapshot> listener) {
        onReplace.add(listener);
    }
}
