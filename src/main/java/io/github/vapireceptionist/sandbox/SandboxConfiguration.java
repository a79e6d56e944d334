package io.github.vapireceptionist.sandbox;

import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The built-in sandbox calendar, wired only when EASYAPPOINTMENTS_BASE_URL is empty: then the
 * routes call {@link SandboxApiController} on this app's own port instead of a real
 * Easy!Appointments. With a base URL set none of this exists. With BUSINESSES_FILE, each business
 * without a base URL gets a sandbox of its own ({@link SandboxCalendars}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SandboxConfiguration.OnSandboxCalendar.class)
public class SandboxConfiguration {

    static final String DEFAULT_PASSWORD = "sandbox";
    private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean
    SandboxCalendar sandboxCalendar(EasyAppointmentsProperties calendar, Clock clock) {
        return new SandboxCalendar(clock, calendar.timezone(), calendar.bookingHorizonDays());
    }

    @Bean
    SandboxCredentials sandboxCredentials(EasyAppointmentsProperties calendar) {
        return new SandboxCredentials(calendar.apiUsername(), calendar.apiPassword(), calendar.apiToken());
    }

    /** The default sandbox and, with BUSINESSES_FILE, one for each business that has no calendar of its own. */
    @Bean
    SandboxCalendars sandboxCalendars(SandboxCalendar sandboxCalendar, SandboxCredentials sandboxCredentials,
            ObjectProvider<Businesses> businesses, EasyAppointmentsProperties calendar, Clock clock) {
        return new SandboxCalendars(new SandboxCalendars.Sandbox(sandboxCalendar, sandboxCredentials),
                businesses.getIfAvailable(), clock, calendar.bookingHorizonDays());
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> sandboxCalendarWarning(EasyAppointmentsProperties calendar,
            ObjectProvider<Businesses> businesses) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() != null) {
                return;
            }
            int port = event.getWebServer().getPort();
            Businesses all = businesses.getIfAvailable();
            if (all == null || !all.fromFile()) {
                log.warn(startupWarning(calendar.apiUsername(), calendar.apiPassword(), calendar.providerId(),
                        calendar.serviceId(), port));
                return;
            }
            all.all().stream().filter(business -> EasyAppointmentsProperties.sandbox(business.calendar().baseUrl()))
                    .forEach(business -> log.warn("SANDBOX CALENDAR business_id={}: it has no easyappointments base-url, so"
                            + " its appointments are booked in its own in-memory sandbox at http://localhost:{}{}. It is NOT a"
                            + " real calendar and everything in it is lost on restart.", business.id(), port,
                            SandboxApiController.BUSINESS_API_PATH.replace("{businessId}", business.id())));
        };
    }

    /** Says loudly that bookings are not going anywhere real, and how to look at them. */
    static String startupWarning(String username, String password, int providerId, int serviceId, int port) {
        String apiUrl = "http://localhost:" + port + SandboxApiController.API_PATH;
        String warning = "SANDBOX CALENDAR: EASYAPPOINTMENTS_BASE_URL is not set, so appointments are booked in "
                + "the built-in in-memory Easy!Appointments sandbox at " + apiUrl + ". It is NOT a real calendar "
                + "and everything in it is lost on restart. List its appointments with: curl -u "
                + curlCredentials(username, password) + " " + apiUrl + "/appointments";
        List<Integer> providers = SandboxCalendar.seedProviders(ZoneId.of("UTC")).stream().map(SandboxCalendar.Provider::id).toList();
        List<Integer> services = SandboxCalendar.seedServices().stream().map(SandboxCalendar.Service::id).toList();
        if (!providers.contains(providerId) || !services.contains(serviceId)) {
            warning += ". The sandbox has providers " + providers + " and services " + services
                    + ", but EASYAPPOINTMENTS_PROVIDER_ID/SERVICE_ID ask for " + providerId + "/" + serviceId + ": unset them";
        }
        return warning;
    }

    // The password goes into the log only while it is the well-known default.
    private static String curlCredentials(String username, String password) {
        if (DEFAULT_PASSWORD.equals(password) && StringUtils.hasText(username)) {
            return username + ":" + DEFAULT_PASSWORD;
        }
        return "<user>:<password>";
    }

    /** True when {@code easyappointments.base-url} is blank, the same test as {@link EasyAppointmentsProperties#sandbox()}. */
    static class OnSandboxCalendar implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("easyappointments.base-url"));
        }
    }
}
