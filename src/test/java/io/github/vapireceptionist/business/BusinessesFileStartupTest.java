package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.vapireceptionist.Application;
import io.github.vapireceptionist.support.BusinessesFiles;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

/**
 * The app as it starts for real with BUSINESSES_FILE: a file it cannot use stops it before any bean is made, with
 * Spring Boot's failure report naming the file's lines, as does a file whose businesses name two Twilio accounts.
 */
class BusinessesFileStartupTest {

    private static Throwable start(String file, String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "--businesses.file=" + file;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return catchThrowable(() -> new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE).run(all).close());
    }

    private static FailureAnalysis report(Throwable failure) {
        FailureAnalysis analysis = new InvalidBusinessesFileFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("Spring Boot's failure report, not a stack trace").isNotNull();
        return analysis;
    }

    @Test
    void aFileWithProblemsStopsTheStartAndTheReportNamesTheirLines() {
        String file = BusinessesFiles.write("startup-problems.yaml", BusinessesFileTest.NORTH
                .replace("${NORTH_EA_TOKEN}", "an-inline-token").replace("    email:", "    emial:"));

        Throwable failure = start(file, "--NORTH_WEBHOOK_SECRET=" + BusinessesFileTest.ENVIRONMENT.get("NORTH_WEBHOOK_SECRET"),
                "--NORTH_TWILIO_TOKEN=" + BusinessesFileTest.ENVIRONMENT.get("NORTH_TWILIO_TOKEN"));

        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(InvalidBusinessesFileException.class);
        assertThat(report(failure).getDescription())
                .startsWith("BUSINESSES_FILE=" + file + " cannot be used:")
                .contains("\n  - line 15: easyappointments.api-token must name an environment variable")
                .contains("\n  - line 23: unknown key \"emial\"")
                .doesNotContain("an-inline-token");
    }

    @Test
    void aCredentialWhoseVariableIsNotSetStopsTheStart() {
        String file = BusinessesFiles.write("startup-unset.yaml", BusinessesFileTest.NORTH);

        Throwable failure = start(file, "--NORTH_EA_TOKEN=token", "--NORTH_TWILIO_TOKEN=token");

        assertThat(report(failure).getDescription())
                .contains("line 12: webhook.secret names ${NORTH_WEBHOOK_SECRET}, which is not set in the environment");
    }

    @Test
    void businessesNamingDifferentTwilioAccountsStopTheStart() {
        String file = BusinessesFiles.write("startup-two-accounts.yaml", BusinessesFileTest.NORTH + BusinessesFileTest.SOUTH + """
                    twilio:
                      account-sid: AC9999
                      auth-token: ${NORTH_TWILIO_TOKEN}
                """);

        Throwable failure = start(file, "--NORTH_WEBHOOK_SECRET=north-secret", "--NORTH_EA_TOKEN=token",
                "--NORTH_TWILIO_TOKEN=token", "--SOUTH_WEBHOOK_HMAC_SECRET=south-secret");

        assertThat(report(failure).getDescription()).contains("2 different Twilio accounts (north; south)");
    }
}
