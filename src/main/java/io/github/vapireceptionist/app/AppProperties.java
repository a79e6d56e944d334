package io.github.vapireceptionist.app;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** APP_NAME, APP_ENV, DEBUG, LOG_LEVEL and BACKEND_URL from the datasheet. */
@Validated
@ConfigurationProperties("app")
public record AppProperties(
        @NotBlank String name,
        @NotNull Environment env,
        boolean debug,
        @NotBlank String logLevel,
        String backendUrl) {

    public enum Environment { DEVELOPMENT, PRODUCTION }

    public boolean production() {
        return env == Environment.PRODUCTION;
    }
}
