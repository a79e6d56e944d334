package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.vapireceptionist.business.BusinessTags;
import io.github.vapireceptionist.business.Businesses;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

    /** Each business's calendar: URL, credentials, default provider and service (EASYAPPOINTMENTS_* without a file). */
    @Bean
    CalendarClients calendarClients(Businesses businesses, EasyAppointmentsProperties calendar) {
        CalendarClients clients = new CalendarClients(businesses, calendar);
        clients.announce();
        return clients;
    }

    @Bean
    CalendarRequests calendarRequests(CalendarClients clients, EasyAppointmentsProperties calendar, ObjectMapper json) {
        if (!calendar.sandbox() && !calendar.usesBearerToken()) {
            log.warn("Easy!Appointments is called with Basic auth: it hashes the password on every request "
                    + "(~55 ms each). Set EASYAPPOINTMENTS_API_TOKEN (Settings > Integrations > API) for production.");
        }
        if (!calendar.sandbox()) {
            log.info("Calendar: Easy!Appointments at {}", calendar.apiUrl());
        }
        return new CalendarRequests(clients, json);
    }

    /**
     * The routes call {@code {{easyappointments.api-url}}}: derived here, not written in YAML. It is the endpoint's
     * static URI; each call goes to its business's calendar (CalendarRequests sets CamelHttpUri).
     */
    @Bean
    CamelContextConfiguration calendarApiUrl(EasyAppointmentsProperties calendar,
            @Value("${camel.main.routes-include-pattern}") String routesPattern) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getPropertiesComponent().addOverrideProperty("easyappointments.api-url", calendar.apiUrl());
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                log.info("Routes loaded from {}: {}", routesPattern, camelContext.getRoutes().size());
            }
        };
    }

    /** Writes wait EASYAPPOINTMENTS_WRITE_TIMEOUT_MS for their answer, reads EASYAPPOINTMENTS_READ_TIMEOUT_MS (or less). */
    @Bean
    CalendarCalls calendarCalls(EasyAppointmentsProperties calendar) {
        return new CalendarCalls(Duration.ofMillis(calendar.writeTimeoutMs()));
    }

    /** The calendar is called through camel-http's http (or https) component: deadlines and safe retries. */
    @Bean
    ComponentCustomizer calendarHttpClient(CalendarCalls calendarCalls) {
        return ComponentCustomizer.builder(HttpComponent.class)
                .withCondition((name, component) -> "http".equals(name) || "https".equals(name))
                .build(http -> http.setHttpClientConfigurer(calendarCalls::configure));
    }

    /** check_availability's days, kept a few seconds (AVAILABILITY_CACHE_SECONDS); never a booking's. */
    @Bean
    AvailabilityCache availabilityCache(AvailabilityCacheProperties settings, EasyAppointmentsProperties calendar,
            Ticker availabilityTicker, MeterRegistry meters, Businesses businesses, BusinessTags businessTags) {
        Duration longestCall = Duration.ofMillis((long) calendar.connectTimeoutMs() + calendar.readTimeoutMs());
        return new AvailabilityCache(settings, longestCall, availabilityTicker, meters, businessTags.of(businesses.all().get(0)));
    }

    /** The availability cache's clock (monotonic); tests replace it to move time on. */
    @Bean
    Ticker availabilityTicker() {
        return Ticker.systemTicker();
    }

    @Bean
    CalendarResponses calendarResponses(ObjectMapper json) {
        return new CalendarResponses(json);
    }

    /** Picked up by Camel as a route policy factory for every route; it times the calendar-* ones. */
    @Bean
    CalendarRequestMetrics calendarRequestMetrics(MeterRegistry meters) {
        return new CalendarRequestMetrics(meters);
    }

    /**
     * /actuator/health's "calendar": is Easy!Appointments answering, asked at most once per cache period. With several
     * businesses each probe, and so all of them, within one read's timeout (EASYAPPOINTMENTS_READ_TIMEOUT_MS).
     */
    @Bean
    CalendarHealthIndicator calendarHealthIndicator(CamelContext camel, Businesses businesses, Clock clock,
            @Value("${calendar-health.cache-seconds}") long cacheSeconds,
            @Value("${easyappointments.read-timeout-ms}") long readTimeoutMs) {
        return new CalendarHealthIndicator(camel, businesses, clock, Duration.ofSeconds(cacheSeconds),
                Duration.ofMillis(readTimeoutMs));
    }
}
