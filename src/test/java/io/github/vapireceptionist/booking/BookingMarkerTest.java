package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The marker each claim writes into its appointment's notes, by which a create whose answer was lost is found again. */
class BookingMarkerTest {

    @Test
    void eachClaimOfOneToolCallHasItsOwnMarkerAndAllAreRecognisedAsItsOwn() {
        Booking booking = new Booking(request("call-1"));

        booking.claiming();
        String first = booking.marker();
        booking.claiming();    // the next person of a team after a lost race
        String second = booking.marker();

        assertThat(first).matches("\\[tool call call-1 #[0-9a-z]{6}]");
        assertThat(second).isEqualTo("[tool call call-1 try 2 " + first.substring(first.indexOf('#')));
        assertThat(Booking.madeBy("Booked by phone (Vapi call v) " + first, "call-1")).isTrue();
        assertThat(Booking.madeBy("Booked by phone (Vapi call v) " + second, "call-1")).isTrue();
        assertThat(Booking.madeBy("Booked by phone [tool call call-1]", "call-1")).as("made by an earlier version").isTrue();
        assertThat(Booking.madeBy("Booked by phone [tool call call-10 #abcdef]", "call-1")).isFalse();
        assertThat(Booking.madeBy("Booked by phone [tool call call-10]", "call-1")).isFalse();
        assertThat(("Booked by phone " + second).contains(first)).as("the first claim's marker is not the second's").isFalse();
    }

    @Test
    void theSameToolCallRunAgainMarksItsAppointmentApartFromTheFirstRunsWhoseAnswerMayHaveBeenLost() {
        Booking first = new Booking(request("call-1"));
        Booking resent = new Booking(request("call-1"));
        first.claiming();
        resent.claiming();

        assertThat(resent.marker()).isNotEqualTo(first.marker());
        assertThat(("Booked by phone " + resent.marker()).contains(first.marker())).isFalse();
    }

    @Test
    void aCallWithoutAToolCallIdStillGetsAMarkerOfItsOwn() {
        Booking one = new Booking(request(null));
        Booking other = new Booking(request(null));
        one.claiming();
        other.claiming();

        assertThat(one.marker()).startsWith("[tool call local-").isNotEqualTo(other.marker());
    }

    private static BookingRequest request(String toolCallId) {
        return new BookingRequest(LocalDate.of(2026, 12, 7), LocalTime.of(10, 0), "Ada", "Lovelace", "ada@example.com",
                "+447911123456", toolCallId, "vapi-call");
    }
}
