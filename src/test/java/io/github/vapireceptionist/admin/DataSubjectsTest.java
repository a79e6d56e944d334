package io.github.vapireceptionist.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.booking.BookingProperties;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.calendar.AppointmentRecord;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.core.ToolAnswer;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSubjectsTest {

    private final BookingReplays replays = new BookingReplays(new BookingProperties("GB", 100, 24));
    private final DataSubjects subjects = new DataSubjects(replays);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "email=ada%40example.com | ada@example.com",
            "email=Ada@Example.COM | ada@example.com",
            "email=%20ada%40example.com%20 | ada@example.com",
            "x=1&email=ada%2Bbooking%40example.com&y | ada+booking@example.com",
            "email=z%C3%B6e%40example.com | zöe@example.com"})
    void theEmailIsTheOneQueryParameterDecodedAndLowerCased(String query, String email) {
        assertThat(subjects.subject(query).email()).isEqualTo(email);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"email", "email=", "email=%20", "mail=ada%40example.com", "email=ada", "email=ada%40",
            "email=ada+booking@example.com", "email=ada%40example.com&email=bo%40example.com", "email=%E0%A4%A",
            "email=%zz", "email=a%00da%40example.com", "email=%40%40"})
    void anythingElseIs400WithASentence(String query) {
        assertThatThrownBy(() -> subjects.subject(query)).isInstanceOf(AdminRequestException.class)
                .hasMessageContaining("email").hasMessageNotContaining("Exception");
    }

    @Test
    void aTooLongEmailIsRefused() {
        assertThatThrownBy(() -> subjects.subject("email=" + "a".repeat(250) + "%40example.com"))
                .isInstanceOf(AdminRequestException.class);
    }

    @Test
    void onlyExactEmailsAreTheSubjectsAndPagingStopsAtAShortPage() {
        DataSubject subject = subjects.subject("email=ada%40example.com");
        List<CalendarCustomer> fullPage = IntStream.range(0, DataSubject.PAGE_SIZE)
                .mapToObj(i -> new CalendarCustomer(100 + i, "X", "Y", i == 7 ? "ADA@example.com" : "xada" + i + "@example.com", null))
                .toList();

        subjects.customersPage(subject, fullPage);
        assertThat(subject.searchingCustomers()).isTrue();
        assertThat(subject.customerQuery().page()).isEqualTo(2);
        subjects.customersPage(subject, List.of(new CalendarCustomer(300, "A", "L", "ada@example.com", null),
                new CalendarCustomer(107, "X", "Y", "ada@example.com", null)));

        assertThat(subject.searchingCustomers()).isFalse();
        assertThat(subject.customers()).extracting(CalendarCustomer::id).containsExactly(107, 300);
    }

    @Test
    void appointmentsAreListedPerCustomerAndOnlyTheirsAreKept() {
        DataSubject subject = subjects.subject("email=ada%40example.com");
        subjects.customersPage(subject, List.of(new CalendarCustomer(1, "A", "L", "ada@example.com", null),
                new CalendarCustomer(2, "A", "L", "ada@example.com", null)));
        subjects.startAppointmentListing(subject);

        assertThat(subject.appointmentsQuery().customerId()).isEqualTo(1);
        subjects.appointmentsPage(subject, List.of(appointment(10, 1), appointment(11, 99)));
        assertThat(subject.appointmentsQuery().customerId()).isEqualTo(2);
        subjects.appointmentsPage(subject, List.of(appointment(12, 2)));

        assertThat(subject.listingAppointments()).isFalse();
        assertThat(subject.appointments()).extracting(AppointmentRecord::id).containsExactly(10, 12);
        subject.customerErased(1, true);
        subject.customerErased(2, false);
        assertThat(subject.customersErased()).isEqualTo(1);
        assertThat(subject.appointmentsErased()).isEqualTo(1);
    }

    @Test
    void onlyTheSubjectsRememberedAnswersAreForgotten() {
        replays.remember("tc-1", "ada@example.com", ToolAnswer.failure("a"));
        replays.remember("tc-2", "ADA@example.com", ToolAnswer.failure("b"));
        replays.remember("tc-3", "bo@example.com", ToolAnswer.failure("c"));
        DataSubject subject = subjects.subject("email=ada%40example.com");

        subjects.forgetRememberedAnswers(subject);

        assertThat(subject.rememberedAnswersErased()).isEqualTo(2);
        assertThat(replays.find("tc-1")).isEmpty();
        assertThat(replays.find("tc-3")).isPresent();
        subjects.forgetRememberedAnswers(subject);
        assertThat(subject.rememberedAnswersErased()).isEqualTo(2);
    }

    private static AppointmentRecord appointment(int id, int customerId) {
        return new AppointmentRecord(id, null, "2026-12-01 10:00:00", "2026-12-01 10:30:00", "Booked", null, null, customerId, 2, 1);
    }
}
