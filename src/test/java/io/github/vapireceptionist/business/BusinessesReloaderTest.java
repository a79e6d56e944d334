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
            "LONG", "a-long-enough-secret-0123456789-0123456789", "TOKEN", "calendar-token",
            "SID", "AC0123456789abcdef0123456789abcdef", "OTHER_SID", "ACfedcba9876543210fedcba9876543210",
            "TWILIO_TOKEN", "twilio-token");

    @TempDir
    Path folder;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Businesses businesses = new Businesses(List.of(PerBusinessTest.business("clinic", "Clinic")), true);

    private BusinessesReloader reloader(String yaml, boolean production) throws IOException {
        return reloader(yaml, production, ENVIRONMENT);
    }

    private BusinessesReloader reloader(String yaml, boolean production, Map<String, String> environment) throws IOException {
        Path file = folder.resolve("businesses.yaml");
        Files.writeString(file, yaml);
        return new BusinessesReloader(businesses, file, environment::get, meters, production);
    }

    private static String withTwilio(String yaml, String sidVariable) {
        return yaml + """
                    twilio:
                      account-sid: ${%s}
                      auth-token: ${TWILIO_TOKEN}
                      sms-from: "+441632960000"
                """.formatted(sidVariable);
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

    /**
     * What is still read at start (BusinessesFileSettings' environment: the Twilio account) is named, not claimed as
     * applied, against what this process runs with: a later reload still names it until the restart.
     */
    @Test
    void aChangeToASettingReadAtStartIsAppliedOnlyAfterARestartAndSaysSo() throws IOException {
        Map<String, String> runningWithSid = new java.util.HashMap<>(ENVIRONMENT);
        runningWithSid.put("twilio.account-sid", ENVIRONMENT.get("SID"));
        runningWithSid.put("twilio.auth-token", ENVIRONMENT.get("TWILIO_TOKEN"));

        BusinessesReloader.Outcome same = reloader(withTwilio(clinic("LONG", REAL_CALENDAR), "SID"), false, runningWithSid).reload();
        BusinessesReloader.Outcome otherAccount = reloader(withTwilio(clinic("LONG", REAL_CALENDAR), "OTHER_SID"), false,
                runningWithSid).reload();
        BusinessesReloader.Outcome renamedLater = reloader(withTwilio(clinic("LONG", REAL_CALENDAR), "OTHER_SID")
                .replace("name: Clinic", "name: Clinic Two"), false, runningWithSid).reload();
        BusinessesReloader.Outcome renamedBack = reloader(withTwilio(clinic("LONG", REAL_CALENDAR), "SID")
                .replace("name: Clinic", "name: Clinic Three"), false, runningWithSid).reload();

        assertThat(same.restartNeeded()).isEmpty();
        assertThat(otherAccount.applied()).isTrue();
        assertThat(otherAccount.restartNeeded()).containsExactly("twilio.account-sid");
        assertThat(renamedLater.restartNeeded()).as("still not restarted: still named").containsExactly("twilio.account-sid");
        assertThat(renamedBack.restartNeeded()).as("the name is read from the business at each call").isEmpty();
    }

    @Test
    void severalBusinessesWithRedisAndNoSharedStoreKeyAreRefused() throws IOException {
        Map<String, String> redis = new java.util.HashMap<>(ENVIRONMENT);
        redis.put("shared-store.redis-url", "redis://127.0.0.1:6379");
        String two = clinic("LONG", REAL_CALENDAR) + clinic("LONG", REAL_CALENDAR).replace("businesses:\n", "")
                .replace("id: clinic", "id: second");

        BusinessesReloader.Outcome outcome = reloader(two, false, redis).reload();
        redis.put("shared-store.key", "shared-store-key-0123456789-0123456789");
        BusinessesReloader.Outcome withKey = reloader(two, false, redis).reload();

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.problems()).singleElement().asString().contains("SHARED_STORE_KEY is needed");
        assertThat(withKey.applied()).as(withKey.problems().toString()).isTrue();
    }

    @Test
    void productionRefusesAWebhookSecretThatIsTheAdminToken() throws IOException {
        Map<String, String> withAdminToken = new java.util.HashMap<>(ENVIRONMENT);
        withAdminToken.put("admin.api-token", ENVIRONMENT.get("LONG"));

        BusinessesReloader.Outcome outcome = reloader(clinic("LONG", REAL_CALENDAR), true, withAdminToken).reload();

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.problems()).singleElement().asString().contains("business clinic: LONG is the same as ADMIN_API_TOKEN")
                .doesNotContain(ENVIRONMENT.get("LONG"));
    }

    @Test
    void aBusinessMovedToTheSandboxIsRefusedWhenThisRunHasNone() throws IOException {
        Map<String, String> realCalendarAtStart = new java.util.HashMap<>(ENVIRONMENT);
        realCalendarAtStart.put("easyappointments.base-url", "https://booking.clinic.example");

        BusinessesReloader.Outcome outcome = reloader(clinic("LONG", ""), false, realCalendarAtStart).reload();

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.problems()).singleElement().asString().contains("this run has no sandbox calendar");
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
