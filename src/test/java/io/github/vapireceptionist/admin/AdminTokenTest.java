package io.github.vapireceptionist.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.app.UnsafeConfigurationException;
import io.github.vapireceptionist.webhook.WebhookProperties;
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

        assertThatThrownBy(() -> ProductionReadiness.checkAdminToken(production, new AdminProperties(TOKEN.substring(1)), WEBHOOK))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("ADMIN_API_TOKEN is shorter than 32 bytes");
        assertThatThrownBy(() -> ProductionReadiness.checkAdminToken(production, new AdminProperties(WEBHOOK.secret()), WEBHOOK))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("ADMIN_API_TOKEN is the same as WEBHOOK_SECRET")
                .hasMessageNotContaining(WEBHOOK.secret());
        assertThatCode(() -> ProductionReadiness.checkAdminToken(production, new AdminProperties(TOKEN), WEBHOOK))
                .doesNotThrowAnyException();
        assertThatCode(() -> ProductionReadiness.checkAdminToken(production, new AdminProperties(""), WEBHOOK))
                .as("unset: the API is off").doesNotThrowAnyException();
    }

    @Test
    void developmentTakesAnyToken() {
        assertThatCode(() -> ProductionReadiness.checkAdminToken(app(AppProperties.Environment.DEVELOPMENT),
                new AdminProperties("short"), WEBHOOK)).doesNotThrowAnyException();
    }
}
