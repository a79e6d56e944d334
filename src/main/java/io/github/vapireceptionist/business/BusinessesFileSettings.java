package io.github.vapireceptionist.business;

import io.github.vapireceptionist.business.Business.Credential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With BUSINESSES_FILE, reads and checks it as the settings are read, before any bean exists: a file that cannot
 * be used stops the start with its problems, each with its line ({@link InvalidBusinessesFileException}).
 *
 * <p>Every feature reads a business's values from its {@link Business} at each call. What is still the
 * deployment's, read once at start from the settings, comes from the file too, so that no environment variable
 * describing a business leaks into a file's businesses: the first business's values are put above every other
 * source of those settings ({@code webhook.secret}, {@code easyappointments.*}, ...), a credential as its
 * {@code ${VARIABLE}}, except
 * <ul>
 * <li>{@code easyappointments.base-url}, empty when any business has none: this run then serves the sandbox
 * calendars (development only; production refuses a business without a calendar);</li>
 * <li>the Twilio account, which is the deployment's: the one every business that names an account names (a file
 * naming two accounts is refused). Each business sends from its own senders through it;</li>
 * <li>with several businesses, the email sender: a business without its own uses SMTP_FROM.</li>
 * </ul>
 * With one business this is exactly that business's values. A setting the file leaves out is empty (no Twilio:
 * dry run; no transfer number: transfers off), never the environment's value for another business. Deployment
 * settings (ports, timeouts, breakers, Redis, SMTP server) stay environment variables. Registered in
 * META-INF/spring.factories.
 */
public class BusinessesFileSettings implements EnvironmentPostProcessor {

    /** The setting that points at the file: BUSINESSES_FILE. */
    public static final String FILE = "businesses.file";
    /** True with a file: the webhook route answers /api/webhooks/vapi/{businessId} as well (matchOnUriPrefix). */
    public static final String BY_PATH = "businesses.by-path";
    static final String SOURCE = "businessesFile";

    private final Log log;

    public BusinessesFileSettings(DeferredLogFactory logs) {
        this.log = logs.getLog(BusinessesFileSettings.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String file = environment.getProperty(FILE);
        if (file == null || file.isBlank()) {
            return;
        }
        List<Business> businesses = BusinessesFile.read(Path.of(file.strip()), environment::getProperty);
        check(file.strip(), businesses);
        storeKeyNeeded(file.strip(), businesses, environment.getProperty("shared-store.redis-url"),
                environment.getProperty("shared-store.key"));
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, settings(businesses)));
        log.info("Answering for " + businesses.size() + (businesses.size() == 1 ? " business (" : " businesses (")
                + businesses.stream().map(Business::id).collect(Collectors.joining(", ")) + ") from BUSINESSES_FILE "
                + file.strip() + ": the file's values replace the environment variables that describe a business");
    }

    /**
     * What no single business's checks (BusinessesFile) can see: the businesses of one file must name one Twilio
     * account, since the deployment sends through one (camel-twilio's component holds one client). Used at start
     * and on every reload.
     */
    static void check(String file, List<Business> businesses) {
        Map<String, List<String>> byAccount = new TreeMap<>();
        businesses.stream().filter(business -> business.confirmations().twilioAccountSid() != null)
                .forEach(business -> byAccount.computeIfAbsent(account(business), account -> new ArrayList<>()).add(business.id()));
        if (byAccount.size() > 1) {
            throw new InvalidBusinessesFileException(file, List.of("the businesses name " + byAccount.size()
                    + " different Twilio accounts (" + byAccount.values().stream().map(ids -> String.join(", ", ids))
                    .collect(Collectors.joining("; ")) + "), and this deployment sends every business's messages"
                    + " through one account, each from its own senders: give them the same twilio.account-sid and"
                    + " auth-token, or run one deployment per Twilio account"));
        }
    }

    /** The account a business names: its SID and its token (the value: two variables may hold the same token). */
    private static String account(Business business) {
        Credential token = business.confirmations().twilioAuthToken();
        return business.confirmations().twilioAccountSid() + " " + (token == null ? "" : token.value());
    }

    /**
     * With several businesses and REDIS_URL, SHARED_STORE_KEY is required: derived from a webhook secret it would be the
     * first business's, and editing or reordering the file would leave every business's keys unread. One business keeps
     * the key derived from its secret, as before (StoreKey), so what an earlier version put in Redis is still found.
     */
    static void storeKeyNeeded(String file, List<Business> businesses, String redisUrl, String sharedStoreKey) {
        if (businesses.size() > 1 && redisUrl != null && !redisUrl.isBlank() && (sharedStoreKey == null || sharedStoreKey.isBlank())) {
            throw new InvalidBusinessesFileException(file, List.of("it lists " + businesses.size() + " businesses and REDIS_URL"
                    + " is set, so SHARED_STORE_KEY is needed (at least 32 bytes, the same on every instance; generate one"
                    + " with: openssl rand -hex 32): the keys in Redis are keyed hashes, and no business's webhook secret"
                    + " should key every business's"));
        }
    }

    /** The deployment's settings from the file: the first business's, with the exceptions of the class comment. */
    static Map<String, Object> settings(List<Business> businesses) {
        Map<String, Object> settings = settings(businesses.get(0));
        if (businesses.size() > 1) {
            // a business without its own email sender uses SMTP_FROM, never the first business's address
            settings.remove("email.from");
        }
        if (businesses.stream().anyMatch(business -> business.calendar().baseUrl() == null)) {
            settings.put("easyappointments.base-url", "");
        }
        twilioAccount(businesses).ifPresent(account -> {
            settings.put("twilio.account-sid", account.twilioAccountSid());
            settings.put("twilio.auth-token", placeholder(account.twilioAuthToken()));
        });
        return settings;
    }

    /** The deployment's Twilio account: the one the businesses name (check refuses two), from the first naming it. */
    static Optional<Business.Confirmations> twilioAccount(List<Business> businesses) {
        return businesses.stream().map(Business::confirmations).filter(confirmations -> confirmations.twilioAccountSid() != null)
                .findFirst();
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
