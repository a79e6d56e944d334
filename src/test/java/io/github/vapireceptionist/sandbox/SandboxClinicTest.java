package io.github.vapireceptionist.sandbox;

import static io.github.vapireceptionist.sandbox.SandboxCalendarTest.LONDON;
import static io.github.vapireceptionist.sandbox.SandboxCalendarTest.clockAt;
import static io.github.vapireceptionist.sandbox.SandboxCalendarTest.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sandbox's default calendar: a small clinic with three people, three services and two working weeks. */
class SandboxClinicTest {

    /** Monday 2 March 2026, 08:00 in London. */
    private final SandboxCalendar clinic = new SandboxCalendar(clockAt("2026-03-02T08:00"), LONDON, 90);

    @Test
    void keepsProviderTwoAndServiceOneAsAFreshInstallHasThemBesideTheRest() {
        assertThat(clinic.service(1)).contains(SandboxCalendar.freshInstall(clockAt("2026-03-02T08:00"), LONDON, 90).service(1).orElseThrow());
        assertThat(clinic.provider(2).orElseThrow().services()).containsExactly(1);
        assertThat(clinic.services()).extracting(SandboxCalendar.Service::duration).containsExactly(30, 60, 15);
        assertThat(clinic.providers()).extracting(SandboxCalendar.Provider::id).containsExactly(2, 32, 33);
    }

    @Test
    void theAssessmentIsNotOfferedByEveryoneAndTheFollowUpByOneOnly() {
        assertThat(clinic.providers()).filteredOn(p -> p.services().contains(SandboxCalendar.ASSESSMENT_ID))
                .extracting(SandboxCalendar.Provider::id).containsExactly(SandboxCalendar.MARIA_ID, SandboxCalendar.BEN_ID);
        assertThat(clinic.providers()).filteredOn(p -> p.services().contains(SandboxCalendar.FOLLOW_UP_ID))
                .extracting(SandboxCalendar.Provider::id).containsExactly(SandboxCalendar.BEN_ID);
    }

    @Test
    void mariaWorksADifferentWeek() {
        assertThat(clinic.availableHours("32", "2", "2026-03-04")).as("Wednesday off").isEmpty();
        assertThat(clinic.availableHours("32", "2", "2026-03-07")).as("Saturday on").first().isEqualTo("10:00");
        assertThat(clinic.availableHours("2", "1", "2026-03-07")).as("Jane's Saturday").isEmpty();
        assertThat(clinic.availableHours("33", "3", "2026-03-03")).first().isEqualTo("08:00");
    }

    @Test
    void anAppointmentLastsItsServicesLengthAndCustomersNeverGetAProvidersId() {
        List<Integer> customers = IntStream.range(0, 32)
                .mapToObj(i -> clinic.createCustomer(person("C" + i, "Test", "c" + i + "@example.com", "+1")).id()).toList();
        assertThat(customers).doesNotContain(SandboxCalendar.MARIA_ID, SandboxCalendar.BEN_ID).startsWith(3, 4);

        Map<String, Object> fields = new HashMap<>(Map.of("start", "2026-03-03 08:00:00", "customerId", customers.get(0),
                "providerId", SandboxCalendar.BEN_ID, "serviceId", SandboxCalendar.FOLLOW_UP_ID));
        assertThat(clinic.createAppointment(fields).end()).isEqualTo("2026-03-03 08:15:00");
    }
}
