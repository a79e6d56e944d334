package io.github.vapireceptionist.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.vapireceptionist.business.Businesses;
import java.time.LocalDate;

/**
 * One write whose outcome is not known, as the flows describe it and the reconciler keeps it (JSON in the shared
 * store, exchange property {@value #PROPERTY}). Its appointment by id when known; otherwise, for a create, the
 * provider's day and the marker this backend writes into its notes ({@code [tool call <id>]}, BookingSteps).
 * {@code settled}: what a re-sent tool call is told once the reconciler has settled it. {@code recordedAt}: when it
 * was first recorded for the reconciler (epoch milliseconds; null until then), from which a create not found is
 * still watched for a while (RECONCILE_GRACE_SECONDS), since a write held up in the calendar can land late.
 * {@code businessId}: whose calendar it was written to, so the reconciler settles it there and nowhere else; null for
 * the default business (an item written before there were several has none, and is the default's).
 */
public record UncertainWrite(WritePoint point, Integer appointmentId, Integer providerId, LocalDate day, String marker,
        String toolCallId, SettledAnswer settled, Long recordedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String businessId) {

    /** The default business's (as written before there were several). */
    public UncertainWrite(WritePoint point, Integer appointmentId, Integer providerId, LocalDate day, String marker,
            String toolCallId, SettledAnswer settled, Long recordedAt) {
        this(point, appointmentId, providerId, day, marker, toolCallId, settled, recordedAt, null);
    }

    public static final String PROPERTY = "uncertainWrite";

    /** The answer a re-sent tool call gets once it is settled: a result that changed something, or a sentence. */
    public record SettledAnswer(boolean changed, String message) {
    }

    public static UncertainWrite ofAppointment(WritePoint point, int appointmentId, String toolCallId, SettledAnswer settled) {
        return new UncertainWrite(point, appointmentId, null, null, null, toolCallId, settled, null);
    }

    public static UncertainWrite ofCreate(WritePoint point, Integer providerId, LocalDate day, String marker, String toolCallId,
            SettledAnswer settled) {
        return new UncertainWrite(point, null, providerId, day, marker, toolCallId, settled, null);
    }

    /** Its key among the open items: one per appointment, or per marker, of its business. */
    @JsonIgnore
    public String key() {
        return appointmentId != null ? appointmentKey(businessId, appointmentId) : markerKey(businessId, marker);
    }

    /** The business whose calendar it was written to ({@value Businesses#DEFAULT_ID} when it names none). */
    @JsonIgnore
    public String business() {
        return businessId == null ? Businesses.DEFAULT_ID : businessId;
    }

    /** The same write, of {@code businessId}'s calendar (the default's is written without one, as before). */
    UncertainWrite of(String businessId) {
        String id = Businesses.DEFAULT_ID.equals(businessId) ? null : businessId;
        return new UncertainWrite(point, appointmentId, providerId, day, marker, toolCallId, settled, recordedAt, id);
    }

    /** The same write, recorded at {@code millis} unless it was recorded before (put back keeps its first time). */
    UncertainWrite recorded(long millis) {
        return recordedAt != null ? this
                : new UncertainWrite(point, appointmentId, providerId, day, marker, toolCallId, settled, millis, businessId);
    }

    /** A create not found: the caller's answer holds only for now (a re-send runs again), so nothing to tell a re-send. */
    UncertainWrite withoutSettledAnswer() {
        return new UncertainWrite(point, appointmentId, providerId, day, marker, toolCallId, null, recordedAt, businessId);
    }

    /** A create found on its day, to be withdrawn by id from now on. */
    UncertainWrite madeAs(int id) {
        return new UncertainWrite(point, id, providerId, day, marker, toolCallId, settled, recordedAt, businessId);
    }

    /**
     * The key of the by-id item of an appointment (its withdrawal, cancel or release) in a business's calendar:
     * {@code appointment-42} for the default business (as before there were several), {@code north:appointment-42}.
     */
    static String appointmentKey(String businessId, int appointmentId) {
        return ofBusiness(businessId) + "appointment-" + appointmentId;
    }

    /** The key of a create's item, by its marker. */
    static String markerKey(String businessId, String marker) {
        return ofBusiness(businessId) + "marker-" + marker;
    }

    private static String ofBusiness(String businessId) {
        return businessId == null || Businesses.DEFAULT_ID.equals(businessId) ? "" : businessId + ":";
    }

    /** Known by id (a deletion); otherwise found on its day by its marker (a create). */
    @JsonIgnore
    public boolean byId() {
        return appointmentId != null;
    }
}
