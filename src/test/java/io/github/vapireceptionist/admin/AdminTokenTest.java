package io.github.vapireceptionist.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.app.UnsafeConfigurationException;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Business.Credential;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.webhook.WebhookProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** ADMIN_API_TOKEN: Bearer only, constant-time, never accepted when unset; strong and its own in production. */
class AdminTokenTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final WebhookProperties WEBHOOK = new WebhookProperties("webhook-secret-0123456789abcdef0123456789");

    private static AppProperties app(AppProperties.Environment env) {
        return new AppProperties("Vapi Receptionist", env, false, "INFO", "http://localhost:8000");
    }

    /** The admin API's production check, as AdminConfiguration declares it, run the way the app runs it. */
    private static ProductionReadiness check(AppProperties app, String token) {
        Business environments = TestBusinesses.business(Businesses.DEFAULT_ID, "https://booking.example");
        Business withWebhookSecret = new Business(environments.id(), environments.name(), environments.timezone(),
                environments.defaultPhoneRegion(), environments.phone(), environments.vapi(),
                new Business.Webhook(new Credential("WEBHOOK_SECRET", WEBHOOK.secret()), null), environments.calendar(),
                environments.confirmations(), environments.transferNumber());
        return check(app, token, Businesses.single(withWebhookSecret));
    }

    private static ProductionReadiness check(AppProperties app, String token, Businesses businesses) {
        return ProductionReadiness.check(app, List.of(() -> new AdminProperties(token).productionProblems(businesses)));
    }

    @Test
    void onlyTheBearerTokenItselfIsAccepted() {
        AdminAuthenticator auth = new AdminAuthenticator(new AdminProperties(TOKEN));

        assertThat(auth.rejects("Bearer " + TOKEN)).isFalse();
        assertThat(auth.rejects("bearer " + TOKEN)).isFalse();
        assertThat(auth.rejects(null)).isTrue();
        assertThat(auth.rejects("")).isTrue();
        assertThat(auth.rejects("Bearer ")).isTrue();
        assertThat(auth.rejects(TOKEN)).isTrue();
        assertThat(auth.rejects("Basic " + TOKEN)).isTrue();
        assertThat(auth.rejects("Bearer " + TOKEN.substring(1))).isTrue();
        assertThat(auth.rejects("Bearer " + TOKEN + "0")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void withoutATokenNothingIsEverAccepted(String unset) {
        AdminAuthenticator auth = new AdminAuthenticator(new AdminProperties(unset));

        assertThat(new AdminProperties(unset).enabled()).isFalse();
        assertThat(auth.rejects("Bearer " + unset)).isTrue();
        assertThat(auth.rejects("Bearer    ")).isTrue();
    }

    @Test
    void productionRefusesAShortTokenOrTheWebhookSecret() {
        AppProperties production = app(AppProperties.Environment.PRODUCTION);

        assertThatThrownBy(() -> check(production, TOKEN.substring(1)))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("ADMIN_API_TOKEN is shorter than 32 bytes");
        assertThatThrownBy(() -> check(production, WEBHOOK.secret()))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("ADMIN_API_TOKEN is the same as WEBHOOK_SECRET")
                .hasMessageNotContaining(WEBHOOK.secret());
        assertThatCode(() -> check(production, TOKEN))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(production, ""))
                .as("unset: the API is off").doesNotThrowAnyException();
    }

    @Test
    void productionRefusesATokenThatIsAnyBusinesssWebhookSecretOrHmacKeyNamingItNeverPrintingIt() {
        AppProperties production = app(AppProperties.Environment.PRODUCTION);
        Business north = TestBusinesses.business("north", "https://booking.north.example");
        Business south = TestBusinesses.business("south", "https://booking.south.example");
        String southsSecret = "south-webhook-secret-0123456789abcdef0123";
        String southsHmacKey = "south-hmac-key-0123456789abcdef0123456789";
        Business southSigning = new Business(south.id(), south.name(), south.timezone(), south.defaultPhoneRegion(),
                south.phone(), south.vapi(), new Business.Webhook(new Credential("SOUTH_WEBHOOK_SECRET", southsSecret),
                        new Credential("SOUTH_WEBHOOK_HMAC_SECRET", southsHmacKey)), south.calendar(),
                south.confirmations(), south.transferNumber());
        Businesses file = new Businesses(List.of(north, southSigning), true);

        for (String southsCredential : List.of(southsSecret, southsHmacKey)) {
            assertThatThrownBy(() -> check(production, southsCredential, file))
                    .isInstanceOf(UnsafeConfigurationException.class)
                    .hasMessageContaining("ADMIN_API_TOKEN is the same as business south's")
                    .hasMessageNotContaining(southsCredential)
                    .hasMessageNotContaining("north");
        }
        assertThatCode(() -> check(production, TOKEN, file)).doesNotThrowAnyException();
    }

    @Test
    void developmentTakesAnyToken() {
        assertThatCode(() -> check(app(AppProperties.Environment.DEVELOPMENT), "short")).doesNotThrowAnyException();
    }
}
