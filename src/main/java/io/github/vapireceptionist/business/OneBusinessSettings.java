package io.github.vapireceptionist.business;

import io.github.vapireceptionist.business.Business.Credential;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With BUSINESSES_FILE, reads and checks it as the settings are read, before any bean exists: a file that cannot
 * be used stops the start with its problems, each with its line ({@link InvalidBusinessesFileFailureAnalyzer}).
 *
 * <p>Until each business has its own calendar client, caches, circuit breaker and senders (issue 19), a file with
 * more than one business is refused: they would share one calendar. The one business of the file then stands in
 * for the environment variables that describe a business: its values are put above every other source of those
 * settings ({@code webhook.secret}, {@code easyappointments.base-url}, ...), a credential as its {@code ${VARIABLE}},
 * so every feature reads the business's values exactly where it read the environment's before. A setting the file
 * leaves out is empty (no Twilio: dry run; no transfer number: transfers off), never the environment's value for
 * another business. Deployment settings (ports, timeouts, breakers, Redis, SMTP server) stay environment variables.
 * Registered in META-INF/spring.factories.
 */
public class OneBusinessSettings implements EnvironmentPostProcessor {

    /** The setting that points at the file: BUSINESSES_FILE. */
    public static final String FILE = "businesses.file";
    /** True with a file: the webhook route answers /api/webhooks/vapi/{businessId} as well (matchOnUriPrefix). */
    public static final String BY_PATH = "businesses.by-path";
    static final String SOURCE = "businessesFile";

    private final Log log;

    public OneBusinessSettings(DeferredLogFactory logs) {
        this.log = logs.getLog(OneBusinessSettings.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String file = environment.getProperty(FILE);
        if (file == null || file.isBlank()) {
            return;
        }
        List<Business> businesses = BusinessesFile.read(Path.of(file.strip()), environment::getProperty);
        Business business = onlyOne(file.strip(), businesses);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, settings(business)));
        log.info("Answering for business " + business.id() + " (" + business.name() + ") from BUSINESSES_FILE " + file.strip()
                + ": its settings replace the environment variables that describe a business");
    }

    /** The safety gate of this first slice of issue 19: one business per deployment until they are isolated. */
    static Business onlyOne(String file, List<Business> businesses) {
        if (businesses.size() == 1) {
            return businesses.get(0);
        }
        throw new InvalidBusinessesFileException(file, List.of("it lists " + businesses.size() + " businesses ("
                + businesses.stream().map(Business::id).collect(Collectors.joining(", ")) + "), and this version answers for"
                + " one business per deployment: per-business calendars, caches, circuit breakers and senders are not"
                + " built yet (issue 19), so several businesses would share one calendar. List one business per file and"
                + " run one deployment for each until then."));
    }

    /** The business's values under the names of the settings they replace. */
    static Map<String, Object> settings(Business business) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(BY_PATH, "true");
        settings.put("app.name", business.name());
        settings.put("easyappointments.timezone", business.timezone().getId());
        settings.put("booking.default-phone-region", business.defaultPhoneRegion());
        settings.put("email.business-phone", orEmpty(business.phone()));
        settings.put("vapi.assistant-id", orEmpty(business.vapi().assistantId()));

        Credential secret = business.webhook().secret();
        Credential hmacSecret = business.webhook().hmacSecret();
        // WEBHOOK_SECRET also keys the shared store and is what production checks: the HMAC key when there is no secret
        settings.put("webhook.secret", secret != null ? secret.placeholder() : placeholder(hmacSecret));
        settings.put("webhook.hmac.secret", hmacSecret == null ? "" : hmacSecret.placeholder());
        settings.put("webhook.hmac.previous-secret", "");
        settings.put("webhook.auth-mode", hmacSecret == null ? "secret" : secret == null ? "hmac" : "either");

        Business.Calendar calendar = business.calendar();
        boolean sandbox = calendar.baseUrl() == null;
        settings.put("easyappointments.base-url", sandbox ? "" : calendar.baseUrl());
        settings.put("easyappointments.api-token", placeholder(calendar.apiToken()));
        settings.put("easyappointments.api-username", calendar.apiUsername());
        settings.put("easyappointments.api-password", calendar.apiPassword() != null ? calendar.apiPassword().placeholder()
                : sandbox ? "sandbox" : "");
        settings.put("easyappointments.service-id", Integer.toString(calendar.serviceId()));
        settings.put("easyappointments.provider-id", Integer.toString(calendar.providerId()));
        settings.put("catalog.service-ids", joined(calendar.serviceIds()));
        settings.put("catalog.provider-ids", joined(calendar.providerIds()));

        Business.Confirmations confirmations = business.confirmations();
        settings.put("twilio.account-sid", orEmpty(confirmations.twilioAccountSid()));
        settings.put("twilio.auth-token", placeholder(confirmations.twilioAuthToken()));
        settings.put("twilio.phone-number", orEmpty(confirmations.smsFrom()));
        settings.put("twilio.whatsapp-number", orEmpty(confirmations.whatsappFrom()));
        settings.put("confirmation.channels", String.join(",", confirmations.channels()));
        if (confirmations.emailFrom() != null) {
            settings.put("email.from", confirmations.emailFrom());
        }

        settings.put("transfer.enabled", Boolean.toString(business.transferNumber() != null));
        settings.put("transfer.phone-number", orEmpty(business.transferNumber()));
        return settings;
    }

    private static String placeholder(Credential credential) {
        return credential == null ? "" : credential.placeholder();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String joined(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
