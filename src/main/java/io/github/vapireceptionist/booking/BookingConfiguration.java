package io.github.vapireceptionist.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.notify.Confirmations;
import io.github.vapireceptionist.reconcile.ReconcileProperties;
import io.github.vapireceptionist.reconcile.UncertainWrites;
import io.github.vapireceptionist.store.SharedStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class BookingConfiguration {

    @Bean
    BookingRequests bookingRequests(Clock clock, EasyAppointmentsProperties calendar, BookingProperties booking) {
        return new BookingRequests(clock, calendar, booking);
    }

    @Bean
    BookingReplays bookingReplays(BookingProperties booking, SharedStore sharedStore, ObjectMapper json, Businesses businesses) {
        return new BookingReplays(booking, sharedStore, json, businesses);
    }

    /** Each business's booked service; the bean is the first business's (without BUSINESSES_FILE the one business's). */
    @Bean
    ServiceCatalog serviceCatalog(CamelContext camel, Clock clock, Businesses businesses) {
        return new ServiceCatalog(camel.createFluentProducerTemplate(), clock, businesses);
    }

    @Bean
    BookingLookups bookingLookups() {
        return new BookingLookups();
    }

    /** Writes whose answer was lost (README, "When a write's answer is lost"); a re-sent call hears how each was settled. */
    @Bean
    UncertainWrites uncertainWrites(SharedStore store, ReconcileProperties settings, ObjectMapper json, MeterRegistry meters,
            BookingReplays replays, Clock clock, Businesses businesses) {
        return new UncertainWrites(store, settings.capacity(), json, meters,
                (business, toolCallId, answer) -> replays.ofId(business).remember(toolCallId, null, answer),
                Duration.ofMillis(settings.budgetMs()), Duration.ofSeconds(settings.graceSeconds()), clock, businesses);
    }

    @Bean
    BookingSteps bookingSteps(BookingReplays replays, ServiceCatalog services, Confirmations confirmations, Clock clock,
            EasyAppointmentsProperties calendar, MeterRegistry meters, UncertainWrites uncertainWrites) {
        return new BookingSteps(replays, services, confirmations, clock, calendar, meters, uncertainWrites);
    }
}
