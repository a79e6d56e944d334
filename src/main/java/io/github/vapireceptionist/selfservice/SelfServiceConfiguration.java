package io.github.vapireceptionist.selfservice;

import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.catalog.StaffCatalogs;
import io.github.vapireceptionist.reconcile.UncertainWrites;
import io.github.vapireceptionist.notify.Confirmations;
import io.github.vapireceptionist.store.SharedStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans the find-appointment, cancel-appointment and reschedule-appointment routes call by name. */
@Configuration(proxyBeanMethods = false)
public class SelfServiceConfiguration {

    @Bean
    CallerRequests callerRequests(BookingRequests bookings, Clock clock) {
        return new CallerRequests(bookings, clock);
    }

    @Bean
    CallerAttempts callerAttempts(SelfServiceProperties settings, SharedStore sharedStore, Businesses businesses) {
        return new CallerAttempts(settings, sharedStore, businesses);
    }

    @Bean
    CallerAppointmentSteps callerAppointmentSteps(BookingReplays replays, BookingRequests bookings, Clock clock,
            EasyAppointmentsProperties calendar, StaffCatalogs staffCatalogs, UncertainWrites uncertainWrites) {
        return new CallerAppointmentSteps(replays, bookings, clock, calendar, staffCatalogs, uncertainWrites);
    }

    @Bean
    CancelSteps cancelSteps(CallerAppointmentSteps callers, Confirmations confirmations, BookingRequests bookings,
            SelfServiceProperties settings, BookingReplays replays) {
        return new CancelSteps(callers, confirmations, bookings, settings, replays);
    }

    @Bean
    RescheduleSteps rescheduleSteps(CallerAppointmentSteps callers, Confirmations confirmations, BookingRequests bookings,
            SelfServiceProperties settings, EasyAppointmentsProperties calendar, UncertainWrites uncertainWrites) {
        return new RescheduleSteps(callers, confirmations, bookings, settings, calendar.timezone(),
                uncertainWrites);
    }
}
