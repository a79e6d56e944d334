package io.github.vapireceptionist.notify;

import com.twilio.http.TwilioRestClient;
import io.github.vapireceptionist.app.AppProperties;
import io.micrometer.core.instrument.MeterRegistry;
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
            MeterRegistry meters) {
        if (twilio.dryRun()) {
            log.info("Confirmations in dry-run: no TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN, messages are logged (masked), not sent");
        }
        return new Confirmations(settings, twilio, app, meters);
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
