package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one business of BUSINESSES_FILE as the settings it replaces: credentials by reference, what it leaves out empty. */
class OneBusinessSettingsTest {

    private static Map<String, Object> settings(String yaml) {
        return OneBusinessSettings.settings(BusinessesFileTest.parse(yaml).get(0));
    }

    @Test
    void credentialsStayReferencesToTheirVariables() {
        Map<String, Object> north = settings(BusinessesFileTest.NORTH);

        assertThat(north).containsEntry("webhook.secret", "${NORTH_WEBHOOK_SECRET}").containsEntry("webhook.auth-mode", "secret")
                .containsEntry("webhook.hmac.secret", "").containsEntry("easyappointments.api-token", "${NORTH_EA_TOKEN}")
                .containsEntry("twilio.auth-token", "${NORTH_TWILIO_TOKEN}").containsEntry("catalog.service-ids", "1,7")
                .containsEntry("easyappointments.provider-id", "32").containsEntry("confirmation.channels", "sms,email")
                .containsEntry("transfer.enabled", "true").containsEntry(OneBusinessSettings.BY_PATH, "true");
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
}
