package io.github.vapireceptionist.notify;

import com.twilio.http.TwilioRestClient;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.store.SharedStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.spi.ComponentCustomizer;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.RequestConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class NotifyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifyConfiguration.class);
    static final String TWILIO_API = "https://api.twilio.com";
    static final String DRY_RUN_NOWHERE = "http://127.0.0.1:9";

    @Bean
    Confirmations confirmations(ConfirmationProperties settings, TwilioProperties twilio, AppProperties app,
            MeterRegistry meters, EmailProperties email, SharedStore sharedStore, Businesses businesses) {
        if (twilio.dryRun()) {
            log.info("Confirmations in dry-run: no TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN, messages are logged (masked), not sent");
        }
        if (settings.channels().contains(ConfirmationProperties.Channel.EMAIL) && !email.enabled()) {
            log.info("Email confirmations are off: CONFIRMATION_CHANNELS lists email but SMTP_HOST is not set");
        }
        return new Confirmations(settings, twilio, app, meters, email.enabled(), sharedStore, businesses);
    }

    @Bean
    ConfirmationEmails confirmationEmails(EmailProperties email, AppProperties app, EasyAppointmentsProperties calendar) {
        return new ConfirmationEmails(email, app.name(), calendar.timezone());
    }

    /** JavaMail settings the smtp endpoint adds to its own: STARTTLS (required when on, so it cannot be stripped) and timeouts. */
    @Bean
    Properties smtpJavaMailProperties(EmailProperties email) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.starttls.enable", String.valueOf(email.smtpStarttls()));
        properties.setProperty("mail.smtp.starttls.required", String.valueOf(email.smtpStarttls()));
        properties.setProperty("mail.smtp.connectiontimeout", String.valueOf(email.timeoutMs()));
        properties.setProperty("mail.smtp.timeout", String.valueOf(email.timeoutMs()));
        properties.setProperty("mail.smtp.writetimeout", String.valueOf(email.timeoutMs()));
        return properties;
    }

    /** SMTP AUTH only when SMTP_USERNAME is set: empty credentials would make the endpoint attempt (and fail) AUTH. */
    @Bean
    ComponentCustomizer smtpCredentials(EmailProperties email) {
        return ComponentCustomizer.forType(MailComponent.class, component -> {
            if (email.smtpUsername() != null && !email.smtpUsername().isBlank()) {
                component.getConfiguration().setUsername(email.smtpUsername());
                component.getConfiguration().setPassword(email.smtpPassword());
            }
        });
    }

    /**
     * camel-twilio uses this client: the SDK's wire format, our timeouts, optionally another host.
     * The component will not start without one, so dry-run gets one too, which the route never calls
     * and which points at a closed loopback port if it ever were.
     */
    @Bean
    TwilioRestClient twilioRestClient(TwilioProperties twilio) {
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectionRequestTimeout(twilio.connectTimeoutMs(), TimeUnit.MILLISECONDS)
                .setConnectTimeout(twilio.connectTimeoutMs(), TimeUnit.MILLISECONDS)
                .setResponseTimeout(twilio.readTimeoutMs(), TimeUnit.MILLISECONDS)
                .build();
        if (twilio.dryRun()) {
            return new TwilioRestClient.Builder("dry-run", "dry-run")
                    .httpClient(new RebasedTwilioHttpClient(timeouts, DRY_RUN_NOWHERE))
                    .build();
        }
        String base = twilio.apiBaseUrl();
        String rebased = base == null || base.isBlank() || base.replaceAll("/+$", "").equals(TWILIO_API)
                ? null : base.replaceAll("/+$", "");
        return new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .httpClient(new RebasedTwilioHttpClient(timeouts, rebased))
                .build();
    }
}
