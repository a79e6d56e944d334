package io.github.vapireceptionist.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** ADMIN_API_TOKEN: the Bearer token of the GDPR admin API; unset, the API does not exist (404). */
@ConfigurationProperties("admin")
public record AdminProperties(String apiToken) {

    public boolean enabled() {
        return apiToken != null && !apiToken.isBlank();
    }
}
