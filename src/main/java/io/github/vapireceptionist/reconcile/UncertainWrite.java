package io.github.vapireceptionist.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;

/**
 * One write whose outcome is not known, as the flows describe it and the reconciler keeps it (JSON in the shared
 * store, exchange property {@value #PROPERTY}). Its appointment by id when known; otherwise, for a create, the
 * provider's day and the marker this backend writes into its notes ({@code [tool call <id>]}, BookingSteps).
 * {@code settled}: what a re-sent tool call is told once the reconciler has settled it. {@code recordedAt}: when it
 * was first recorded for the reconciler (epoch milliseconds; null until then), from which a create not found is
 * still watched for a while (RECONCILE_GRACE_SECONDS), since a write held up in the calendar can land late.
 */
public record UncertainWrite(WritePoint point, Integer appointmentId, Integer providerId, LocalDate day, String marker,
        String toolCallId, SettledAnswer settled, Long recordedAt) {

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

    /** Its key among the open items: one per appointment, or per marker. */
    @JsonIgnore
    public String key() {
        return appointmentId != null ? appointmentKey(appointmentId) : markerKey(marker);
    }

    /** The same write, recorded at {@code millis} unless it was recorded before (put back keeps its first time). */
    UncertainWrite recorded(long millis) {
        return recordedAt != null ? this
                : new UncertainWrite(point, appointmentId, providerId, day, marker, toolCallId, settled, millis);
    }

    /** A create not found: the caller's answer holds only for now (a re-send runs again), so nothing to tell a re-send. */
    UncertainWrite withoutSettledAnswer() {
        return new UncertainWrite(point, appointmentId, providerId, day, marker, toolCallId, null, recordedAt);
    }

    /** A create found on its day, to be withdrawn by id from now on. */
    UncertainWrite madeAs(int id) {
        return new UncertainWrite(point, id, providerId, day, marker, toolCallId, settled, recordedAt);
    }

    /** The key of the by-id item of an appointment (its withdrawal, cancel or release). */
    static String appointmentKey(int appointmentId) {
        return "appointment-" + appointmentId;
    }

    /** The key of a create's item, by its marker. */
    static String markerKey(String marker) {
        return "marker-" + marker;
    }

    /** Known by id (a deletion); otherwise found on its day by its marker (a create). */
    @JsonIgnore
    public boolean byId() {
        return appointmentId != null;
    }
}
