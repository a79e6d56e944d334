package io.github.vapireceptionist.app;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Hands every configured secret to {@link PiiMasking} as soon as the settings are read, before
 * anything could log one (registered in META-INF/spring.factories).
 */
public class SecretsHiddenInLogs implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final List<String> SECRET_SETTINGS = List.of("webhook.secret", "admin.api-token", "easyappointments.api-token",
            "easyappointments.api-password", "twilio.auth-token", "email.smtp-password", "vapi.api-key",
            "vapi.public-key", "webhook.hmac.secret", "webhook.hmac.previous-secret",
            "shared-store.redis-url");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        SECRET_SETTINGS.forEach(name -> PiiMasking.hideSecret(environment.getProperty(name)));
        PiiMasking.hideSecret(redisPassword(environment.getProperty("shared-store.redis-url")));
    }

    /** REDIS_URL carries its password in the user info (redis://:password@host or redis://user:password@host). */
    static String redisPassword(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String userInfo = URI.create(url.strip()).getRawUserInfo();
            return userInfo == null ? null : URLDecoder.decode(userInfo.substring(userInfo.indexOf(':') + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
