package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

    @Bean
    CalendarRequests calendarRequests(EasyAppointmentsProperties calendar) {
        if (!calendar.sandbox() && !calendar.usesBearerToken()) {
            log.warn("Easy!Appointments is called with Basic auth: it hashes the password on every request "
                    + "(~55 ms each). Set EASYAPPOINTMENTS_API_TOKEN (Settings > Integrations > API) for production.");
        }
        if (!calendar.sandbox()) {
            log.info("Calendar: Easy!Appointments at {}", calendar.apiUrl());
        }
        return new CalendarRequests(calendar);
    }

    @Bean
    CalendarResponses calendarResponses(ObjectMapper json) {
        return new CalendarResponses(json);
    }
}
