package io.github.vapireceptionist.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.vapireceptionist.Application;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.core.NestedExceptionUtils;

/**
 * The app as it starts for real: every feature's production check is asked (the webhook's secret, the
 * calendar, the admin token), and a production instance with unsafe settings refuses to start with all of
 * their problems in one list, before any secret is generated.
 */
class ProductionStartupTest {

    @Test
    void productionRefusesToStartListingTheProblemsOfEveryFeatureAtOnce() {
        // command-line arguments, as an operator's environment would: they outrank application.yaml
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .run("--app.env=production", "--webhook.secret=", "--easyappointments.base-url=",
                        "--admin.api-token=too-short")
                .close());

        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(cause).isInstanceOfSatisfying(UnsafeConfigurationException.class, unsafe -> assertThat(unsafe.problems())
                .anyMatch(problem -> problem.startsWith("WEBHOOK_SECRET is not set"))
                .anyMatch(problem -> problem.startsWith("EASYAPPOINTMENTS_BASE_URL is not set"))
                .anyMatch(problem -> problem.startsWith("ADMIN_API_TOKEN is shorter than 32 bytes"))
                .hasSize(3));
    }

    @Test
    void productionRefusesSettingsWhoseSlowestAnswerCanReachVapisTimeout() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .run("--app.env=production", "--webhook.secret=", "--easyappointments.base-url=",
                        "--admin.api-token=too-short", "--easyappointments.write-timeout-ms=10000")
                .close());

        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(cause).isInstanceOfSatisfying(UnsafeConfigurationException.class, unsafe -> assertThat(unsafe.problems())
                .anyMatch(problem -> problem.startsWith("The slowest answer (reschedule_appointment) can take")
                        && problem.contains("= 31.5 s, not below the 20 s Vapi waits"))
                .hasSize(4));
    }

    @Test
    void aWriteTimeoutOutOfItsBoundsIsRefusedInAnyEnvironment() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .run("--easyappointments.write-timeout-ms=600000")
                .close());

        assertThat(failure).isNotNull();
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(BindValidationException.class)
                .hasMessageContaining("writeTimeoutMs");
    }
}
