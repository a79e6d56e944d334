package io.github.vapireceptionist.business;

import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.PiiMasking;
import io.github.vapireceptionist.app.ProductionCheck;
import io.github.vapireceptionist.business.Business.Credential;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
public class BusinessesConfiguration {

    /**
     * The businesses of BUSINESSES_FILE (already checked once by {@link BusinessesFileSettings}, read again here with the
     * same environment), or without it the one business of the environment variables, id {@value Businesses#DEFAULT_ID}.
     */
    @Bean
    Businesses businesses(Environment environment) {
        return read(environment);
    }

    /** The businesses as the settings describe them: what the assistant sync, which starts no app, reads too. */
    public static Businesses read(Environment environment) {
        String file = environment.getProperty(BusinessesFileSettings.FILE);
        if (file == null || file.isBlank()) {
            return Businesses.single(fromEnvironment(environment));
        }
        List<Business> businesses = BusinessesFile.read(Path.of(file.strip()), environment::getProperty);
        businesses.forEach(BusinessesConfiguration::hideCredentials);
        return new Businesses(businesses, true);
    }

    @Bean
    BusinessTags businessTags(Businesses businesses) {
        return new BusinessTags(businesses);
    }

    /** In production every business of the file needs a real calendar and long webhook credentials. */
    @Bean
    ProductionCheck businessesFileCheck(Businesses businesses) {
        return () -> businesses.fromFile()
                ? businesses.all().stream().flatMap(business -> business.productionProblems().stream()).toList()
                : List.of();
    }

    /** Reading BUSINESSES_FILE again while running: the Actuator endpoint and the file watch. Only with the file. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(FileGiven.class)
    static class Reload {

        @Bean
        BusinessesReloader businessesReloader(Businesses businesses, Environment environment, MeterRegistry meters,
                AppProperties app) {
            return new BusinessesReloader(businesses, Path.of(environment.getProperty(BusinessesFileSettings.FILE).strip()),
                    environment::getProperty, meters, app.production());
        }

        @Bean
        BusinessesEndpoint businessesEndpoint(Businesses businesses, BusinessesReloader businessesReloader) {
            return new BusinessesEndpoint(businesses, businessesReloader);
        }

        @Bean
        @ConditionalOnProperty(name = "businesses.watch", havingValue = "true")
        BusinessesFileWatch businessesFileWatch(Environment environment, BusinessesReloader businessesReloader) {
            return new BusinessesFileWatch(Path.of(environment.getProperty(BusinessesFileSettings.FILE).strip()), businessesReloader,
                    Duration.ofMillis(environment.getProperty("businesses.watch-settle-ms", Long.class, 1000L)));
        }
    }

    static final class FileGiven implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(BusinessesFileSettings.FILE));
        }
    }

    /** Every credential of the file is masked in every log line, as the environment's secrets are (SecretsHiddenInLogs). */
    static void hideCredentials(Business business) {
        Stream.of(business.webhook().secret(), business.webhook().hmacSecret(), business.calendar().apiToken(),
                        business.calendar().apiPassword(), business.confirmations().twilioAuthToken())
                .filter(credential -> credential != null)
                .forEach(credential -> PiiMasking.hideSecret(credential.value()));
    }

    /** The business the environment variables describe, as every feature reads them (application.yaml). */
    static Business fromEnvironment(Environment settings) {
        String baseUrl = text(settings, "easyappointments.base-url");
        String transferNumber = Boolean.parseBoolean(settings.getProperty("transfer.enabled")) ? text(settings, "transfer.phone-number") : null;
        return new Business(
                Businesses.DEFAULT_ID,
                settings.getProperty("app.name"),
                zone(settings.getProperty("easyappointments.timezone")),
                settings.getProperty("booking.default-phone-region", "GB"),
                text(settings, "email.business-phone"),
                new Business.Vapi(List.of(), List.of(), text(settings, "vapi.assistant-id")),
                new Business.Webhook(credential(settings, "WEBHOOK_SECRET", "webhook.secret"),
                        credential(settings, "WEBHOOK_HMAC_SECRET", "webhook.hmac.secret")),
                new Business.Calendar(baseUrl, credential(settings, "EASYAPPOINTMENTS_API_TOKEN", "easyappointments.api-token"),
                        settings.getProperty("easyappointments.api-username"),
                        credential(settings, "EASYAPPOINTMENTS_API_PASSWORD", "easyappointments.api-password"),
                        id(settings, "easyappointments.service-id", 1), id(settings, "easyappointments.provider-id", 2),
                        ids(settings, "catalog.service-ids"), ids(settings, "catalog.provider-ids")),
                new Business.Confirmations(text(settings, "twilio.account-sid"),
                        credential(settings, "TWILIO_AUTH_TOKEN", "twilio.auth-token"), text(settings, "twilio.phone-number"),
                        text(settings, "twilio.whatsapp-number"), list(settings, "confirmation.channels"), text(settings, "email.from")),
                transferNumber);
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone == null ? "Europe/London" : timezone.strip());
        } catch (java.time.DateTimeException e) {
            return ZoneId.of("Europe/London");
        }
    }

    private static String text(Environment settings, String name) {
        String value = settings.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Empty: none (a development run's webhook secret is generated later, by the webhook's configuration). */
    private static Credential credential(Environment settings, String variable, String name) {
        String value = text(settings, name);
        return value == null ? null : new Credential(variable, value);
    }

    private static List<String> list(Environment settings, String name) {
        String value = text(settings, name);
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * A value the settings' own binding refuses (EasyAppointmentsProperties, CatalogProperties) is left out here, so
     * that the start fails there, with the message it always had.
     */
    private static List<Integer> ids(Environment settings, String name) {
        return list(settings, name).stream().filter(id -> id.matches("[1-9][0-9]{0,8}")).map(Integer::valueOf).toList();
    }

    private static int id(Environment settings, String name, int fallback) {
        String value = text(settings, name);
        return value != null && value.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(value) : fallback;
    }
}
