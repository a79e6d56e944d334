package io.github.vapireceptionist.app;

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
            "vapi.public-key", "webhook.hmac.secret", "webhook.hmac.previous-secret");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        SECRET_SETTINGS.forEach(name -> PiiMasking.hideSecret(environment.getProperty(name)));
    }
}
