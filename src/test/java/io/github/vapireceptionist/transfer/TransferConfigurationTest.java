package io.github.vapireceptionist.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.UnsafeConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain http to call control is for local tests: a production instance refuses to start with it. */
class TransferConfigurationTest {

    private static AppProperties app(AppProperties.Environment env) {
        return new AppProperties("Test Clinic", env, false, "INFO", "http://localhost:8000");
    }

    @Test
    void productionRefusesPlainHttpCallControl() {
        VapiControlProperties http = new VapiControlProperties(List.of("127.0.0.1:8089"), true, 1_500);

        assertThatThrownBy(() -> new TransferConfiguration().controlUrlPolicy(http, app(AppProperties.Environment.PRODUCTION)))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("VAPI_CONTROL_ALLOW_HTTP");
        assertThat(new TransferConfiguration().controlUrlPolicy(http, app(AppProperties.Environment.DEVELOPMENT))
                .check("http://127.0.0.1:8089/x").allowed()).isTrue();
    }

    @Test
    void productionRunsWithTheDefaults() {
        VapiControlProperties defaults = new VapiControlProperties(List.of("*.vapi.ai"), false, 1_500);

        assertThat(new TransferConfiguration().controlUrlPolicy(defaults, app(AppProperties.Environment.PRODUCTION))
                .check("http://api.vapi.ai/x").allowed()).isFalse();
    }
}
