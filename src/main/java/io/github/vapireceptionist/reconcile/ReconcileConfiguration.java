package io.github.vapireceptionist.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.store.SharedStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ReconcileConfiguration {

    @Bean
    UncertainWrites uncertainWrites(SharedStore store, ReconcileProperties settings, ObjectMapper json, MeterRegistry meters,
            BookingReplays replays) {
        return new UncertainWrites(store, settings.capacity(), json, meters, replays, Duration.ofMillis(settings.budgetMs()));
    }
}
