package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BUSINESSES_FILE as the settings it replaces: one business's values, credentials by reference, what it leaves out
 * empty; with several, the first's, the sandbox when any business has no calendar, and their one Twilio account.
 */
class BusinessesFileSettingsTest {

    private static Map<String, Object> settings(String yaml) {
        return BusinessesFileSettings.settings(BusinessesFileTest.parse(yaml).get(0));
    }

    @Test
    void credentialsStayReferencesToTheirVariables() {
        Map<String, Object> north = settings(BusinessesFileTest.NORTH);

        assertThat(north).containsEntry("webhook.secret", "${NORTH_WEBHOOK_SECRET}").containsEntry("webhook.auth-mode", "secret")
                .containsEntry("webhook.hmac.secret", "").containsEntry("easyappointments.api-token", "${NORTH_EA_TOKEN}")
                .containsEntry("twilio.auth-token", "${NORTH_TWILIO_TOKEN}").containsEntry("catalog.service-ids", "1,7")
                .containsEntry("easyappointments.provider-id", "32").containsEntry("confirmation.channels", "sms,email")
                .containsEntry("transfer.enabled", "true").containsEntry(BusinessesFileSettings.BY_PATH, "true");
        assertThat(north.values()).noneMatch(value -> value.toString().contains(BusinessesFileTest.ENVIRONMENT.get("NORTH_WEBHOOK_SECRET")));
    }

    @Test
    void anHmacKeyAloneAuthenticatesBySignatureOnlyAndBothByEither() {
        String south = "businesses:\n" + BusinessesFileTest.SOUTH;

        assertThat(settings(south)).containsEntry("webhook.auth-mode", "hmac")
                .containsEntry("webhook.secret", "${SOUTH_WEBHOOK_HMAC_SECRET}").containsEntry("webhook.hmac.secret", "${SOUTH_WEBHOOK_HMAC_SECRET}");
        assertThat(settings(BusinessesFileTest.NORTH.replace("      secret: ${NORTH_WEBHOOK_SECRET}",
                "      secret: ${NORTH_WEBHOOK_SECRET}\n      hmac-secret: ${SOUTH_WEBHOOK_HMAC_SECRET}")))
                .containsEntry("webhook.auth-mode", "either");
    }

    @Test
    void whatTheFileLeavesOutIsEmptyNotTheEnvironmentsValue() {
        Map<String, Object> south = settings("businesses:\n" + BusinessesFileTest.SOUTH);

        assertThat(south).containsEntry("easyappointments.base-url", "").containsEntry("easyappointments.api-password", "sandbox")
                .containsEntry("twilio.account-sid", "").containsEntry("twilio.phone-number", "").containsEntry("transfer.enabled", "false")
                .containsEntry("transfer.phone-number", "").containsEntry("vapi.assistant-id", "").containsEntry("catalog.service-ids", "");
    }

    @Test
    void withSeveralBusinessesAnyOneWithoutACalendarRunsTheSandboxAndTheirTwilioAccountIsTheDeployments() {
        // south first: no calendar, no Twilio account; north names both
        List<Business> businesses = BusinessesFileTest.parse("businesses:\n" + BusinessesFileTest.SOUTH
                + BusinessesFileTest.NORTH.replace("businesses:\n", ""));

        Map<String, Object> settings = BusinessesFileSettings.settings(businesses);

        assertThat(settings).containsEntry("app.name", "South Side Physio").containsEntry("easyappointments.base-url", "")
                .containsEntry("twilio.account-sid", "AC0123").containsEntry("twilio.auth-token", "${NORTH_TWILIO_TOKEN}");
        assertThat(settings).as("south has no email sender: SMTP_FROM's, not north's").doesNotContainKey("email.from");
        assertThat(BusinessesFileSettings.settings(List.of(businesses.get(1))))
                .containsEntry("easyappointments.base-url", "https://booking.north.example")
                .containsEntry("email.from", "North Street Dental <bookings@north.example>");
    }

    @Test
    void severalBusinessesWithRedisNeedASharedStoreKeyAndOneKeepsItsDerivedKey() {
        List<Business> two = BusinessesFileTest.parse(BusinessesFileTest.NORTH + BusinessesFileTest.SOUTH);

        InvalidBusinessesFileException refused = catchThrowableOfType(InvalidBusinessesFileException.class,
                () -> BusinessesFileSettings.storeKeyNeeded("businesses.yaml", two, "redis://127.0.0.1:6379", ""));

        assertThat(refused.problems()).singleElement().asString().contains("SHARED_STORE_KEY is needed");
        BusinessesFileSettings.storeKeyNeeded("businesses.yaml", two, "redis://127.0.0.1:6379", "a-key-0123456789-0123456789-0123");
        BusinessesFileSettings.storeKeyNeeded("businesses.yaml", two, "", "");
        BusinessesFileSettings.storeKeyNeeded("businesses.yaml", List.of(two.get(0)), "redis://127.0.0.1:6379", "");
    }

    @Test
    void businessesNamingTwoTwilioAccountsAreRefusedNamingThem() {
        List<Business> businesses = BusinessesFileTest.parse(BusinessesFileTest.NORTH + BusinessesFileTest.SOUTH
                + """
                    twilio:
                      account-sid: AC9999
                      auth-token: ${NORTH_TWILIO_TOKEN}
                """);

        InvalidBusinessesFileException refused = catchThrowableOfType(InvalidBusinessesFileException.class,
                () -> BusinessesFileSettings.check("businesses.yaml", businesses));

        assertThat(refused.problems()).singleElement().asString().contains("2 different Twilio accounts (north; south)")
                .contains("one deployment per Twilio account");
        BusinessesFileSettings.check("businesses.yaml", List.of(businesses.get(0), businesses.get(0)));
    }
}
