package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload in production refuses what the start refuses: a business on the sandbox, a webhook secret under 256 bits. */
class BusinessesReloaderTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("SHORT", "short-secret",
            "LONG", "a-long-enough-secret-0123456789-0123456789", "TOKEN", "calendar-token");

    @TempDir
    Path folder;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Businesses businesses = new Businesses(List.of(PerBusinessTest.business("clinic", "Clinic")), true);

    private BusinessesReloader reloader(String yaml, boolean production) throws IOException {
        Path file = folder.resolve("businesses.yaml");
        Files.writeString(file, yaml);
        return new BusinessesReloader(businesses, file, ENVIRONMENT::get, meters, production);
    }

    private static String clinic(String secretVariable, String calendar) {
        return """
                businesses:
                  - id: clinic
                    name: Clinic
                    timezone: Europe/London
                    webhook:
                      secret: ${%s}
                %s""".formatted(secretVariable, calendar);
    }

    private static final String REAL_CALENDAR = """
                    easyappointments:
                      base-url: https://booking.clinic.example
                      api-token: ${TOKEN}
                """;

    @Test
    void productionRefusesTheSandboxAndAShortSecretAndKeepsTheRunningSet() throws IOException {
        BusinessesReloader.Outcome outcome = reloader(clinic("SHORT", ""), true).reload();

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.problems()).containsExactly(
                "business clinic: easyappointments.base-url is not set (production never runs on the sandbox calendar)",
                "business clinic: SHORT is shorter than 32 bytes (256 bits); generate one with: openssl rand -hex 32");
        assertThat(businesses.byId("clinic").orElseThrow().name()).isEqualTo("Clinic");
        assertThat(businesses.byId("clinic").orElseThrow().calendar().baseUrl()).isNull();
        assertThat(meters.counter("businesses.reloads", "outcome", "refused").count()).isEqualTo(1);
    }

    /** What is still read at start (OneBusinessSettings' environment) is named, not claimed as applied. */
    @Test
    void aChangeToASettingReadAtStartIsAppliedOnlyAfterARestartAndSaysSo() throws IOException {
        reloader(clinic("LONG", REAL_CALENDAR), false).reload();

        BusinessesReloader.Outcome renamed = reloader(clinic("LONG", REAL_CALENDAR).replace("name: Clinic", "name: Clinic Two"),
                false).reload();
        BusinessesReloader.Outcome again = reloader(clinic("LONG", REAL_CALENDAR).replace("name: Clinic", "name: Clinic Two"),
                false).reload();

        assertThat(renamed.applied()).isTrue();
        assertThat(renamed.restartNeeded()).containsExactly("app.name");
        assertThat(again.restartNeeded()).as("the file as the app now holds it").isEmpty();
    }

    @Test
    void productionAppliesASafeFileAndDevelopmentAcceptsTheSandbox() throws IOException {
        BusinessesReloader.Outcome production = reloader(clinic("LONG", REAL_CALENDAR), true).reload();
        assertThat(production.applied()).as(production.problems().toString()).isTrue();
        assertThat(production.changed()).containsExactly("clinic");
        assertThat(businesses.byId("clinic").orElseThrow().calendar().baseUrl()).isEqualTo("https://booking.clinic.example");

        BusinessesReloader.Outcome development = reloader(clinic("SHORT", ""), false).reload();
        assertThat(development.applied()).isTrue();
        assertThat(meters.counter("businesses.reloads", "outcome", "applied").count()).isEqualTo(2);
    }
}
