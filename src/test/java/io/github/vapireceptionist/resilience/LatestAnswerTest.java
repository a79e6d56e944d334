package io.github.vapireceptionist.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.app.UnsafeConfigurationException;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The latest answer the settings allow, term by term, and the refusal of production settings whose slowest answer can
 * reach the 20 s Vapi waits for a tool's answer.
 */
class LatestAnswerTest {

    private static final String DEFAULTS_SUM = "6 s FUNCTION_BUDGET_MS + 3 s EASYAPPOINTMENTS_WRITE_TIMEOUT_MS"
            + " + 1 s EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS (pool lease) + 1 s EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS (connect)"
            + " + 1 s EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS (pool lease) + 1 s EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS (connect)"
            + " + 3 s EASYAPPOINTMENTS_WRITE_TIMEOUT_MS + 1.5 s CONFIRMATION_BUDGET_MS = 17.5 s";

    @Test
    void withTheDefaultsTheSlowestAnswerIsAMoveAt17AndAHalfSeconds() {
        LatestAnswer latest = latest(3000, 6000, 6000, 2000, 1000, 3000, 1500);

        assertThat(latest.worst().function()).isEqualTo("reschedule_appointment");
        assertThat(latest.worst().total()).isEqualTo(Duration.ofMillis(17_500));
        assertThat(latest.worst().sum()).isEqualTo(DEFAULTS_SUM);
        assertThat(latest.withinVapisTimeout()).isTrue();
        assertThat(latest.productionProblems()).isEmpty();
    }

    @Test
    void eachFunctionHasItsOwnSlowestPathWithTheDefaults() {
        LatestAnswer latest = latest(3000, 6000, 6000, 2000, 1000, 3000, 1500);

        // withdrawn after the read-back: budget, the create's timeout, the read-back's lease and connect, the withdrawal
        assertThat(total(latest, "book_appointment")).isEqualTo(16_000);
        // the last lookup at 4 s, then the deletion (always made), then its confirmation; or the reads of a lost one
        assertThat(total(latest, "cancel_appointment")).isEqualTo(12_500);
        assertThat(total(latest, "check_availability")).isEqualTo(5_000);
        assertThat(total(latest, "find_appointment")).isEqualTo(8_000);
    }

    @ParameterizedTest(name = "budgets {0}/{1}/{2} ms, reserve {3}, connect {4}, write {5}, confirmation {6}: {8} ms ({7})")
    @CsvSource({
        // a 10 s write timeout: both writes of a move wait it
        "3000, 6000, 6000, 2000, 1000, 10000, 1500, reschedule_appointment, 31500",
        // slower connections: four lease and connect waits
        "3000, 6000, 6000, 2000, 2000, 4000, 1500, reschedule_appointment, 23500",
        // a long booking budget: a withdrawn booking is the slowest
        "3000, 12000, 6000, 2000, 1000, 4000, 1500, book_appointment, 24000",
        // a longer wait for the confirmation
        "3000, 6000, 6000, 2000, 1000, 4000, 3000, reschedule_appointment, 21000",
        // exactly Vapi's 20 s: reached, so refused
        "3000, 6000, 6000, 2000, 1000, 4000, 2000, reschedule_appointment, 20000",
        // the reserve is part of the budget: a bigger one moves nothing later
        "3000, 6000, 6000, 3000, 1000, 4000, 1500, reschedule_appointment, 19500"})
    void theSlowestPathFollowsTheSettings(long availability, long booking, long others, long reserve, int connect, int write,
            int confirmation, String slowest, long expectedMillis) {
        LatestAnswer latest = latest(availability, booking, others, reserve, connect, write, confirmation);

        assertThat(latest.worst().function()).isEqualTo(slowest);
        assertThat(latest.worst().total()).isEqualTo(Duration.ofMillis(expectedMillis));
        assertThat(latest.withinVapisTimeout()).isEqualTo(expectedMillis < 20_000);
        assertThat(latest.productionProblems()).hasSize(expectedMillis < 20_000 ? 0 : 1);
    }

    @Test
    void aProductionInstanceRefusesSettingsThatCanReachVapisTimeoutNamingTheVariablesAndTheSum() {
        LatestAnswer latest = latest(3000, 6000, 6000, 2000, 1000, 10_000, 1500);

        assertThatThrownBy(() -> ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(latest)))
                .isInstanceOfSatisfying(UnsafeConfigurationException.class, unsafe -> assertThat(unsafe.problems())
                        .singleElement().asString()
                        .startsWith("The slowest answer (reschedule_appointment) can take 6 s FUNCTION_BUDGET_MS + 10 s "
                                + "EASYAPPOINTMENTS_WRITE_TIMEOUT_MS + ")
                        .contains("+ 10 s EASYAPPOINTMENTS_WRITE_TIMEOUT_MS + 1.5 s CONFIRMATION_BUDGET_MS = 31.5 s")
                        .contains("not below the 20 s Vapi waits for a tool's answer")
                        .contains("EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS", "BOOKING_BUDGET_MS", "CONFIRMATION_BUDGET_MS"));
    }

    @Test
    void developmentStartsWithTheSameSettingsAndTheDefaultsStartInProduction() {
        LatestAnswer tooSlow = latest(3000, 6000, 6000, 2000, 1000, 10_000, 1500);
        LatestAnswer defaults = latest(3000, 6000, 6000, 2000, 1000, 3000, 1500);

        assertThat(ProductionReadiness.check(app(AppProperties.Environment.DEVELOPMENT), List.of(tooSlow))).isNotNull();
        assertThat(ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(defaults))).isNotNull();
    }

    private static long total(LatestAnswer latest, String function) {
        return latest.paths().stream().filter(path -> path.function().equals(function))
                .mapToLong(path -> path.total().toMillis()).max().orElseThrow();
    }

    private static LatestAnswer latest(long availability, long booking, long others, long reserve, int connect, int write,
            int confirmation) {
        EasyAppointmentsProperties calendar = new EasyAppointmentsProperties("https://booking.example.com",
                "https://booking.example.com/index.php/api/v1", "token", null, null, 2, 1, ZoneId.of("Europe/London"), 90, 7,
                connect, 2500, write);
        return LatestAnswer.of(new ResilienceProperties.Budgets(availability, booking, others), Duration.ofMillis(reserve),
                calendar, confirmation);
    }

    private static AppProperties app(AppProperties.Environment env) {
        return new AppProperties("Vapi Receptionist", env, false, "INFO", "http://localhost:8000");
    }
}
