package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each business's {@link CalendarClient}, made once per business (again when its settings change). Without
 * BUSINESSES_FILE the one business's is the calendar of EASYAPPOINTMENTS_*, exactly as before; with the file each
 * business's comes from its own entry, and a business without a base URL has its own sandbox calendar, which only a
 * development instance serves (EASYAPPOINTMENTS_BASE_URL empty): otherwise its calls fail, never reaching another
 * business's calendar.
 */
public class CalendarClients {

    private static final Logger log = LoggerFactory.getLogger(CalendarClients.class);

    private final Businesses businesses;
    private final EasyAppointmentsProperties deployment;
    private final PerBusiness<CalendarClient> clients = new PerBusiness<>(this::make);

    public CalendarClients(Businesses businesses, EasyAppointmentsProperties deployment) {
        this.businesses = businesses;
        this.deployment = deployment;
    }

    /** The client of the exchange's business ({@link Businesses#of(Exchange)}: refused when it names none among several). */
    public CalendarClient of(Exchange exchange) {
        return of(businesses.of(exchange));
    }

    public CalendarClient of(Business business) {
        return clients.of(business);
    }

    /** Makes every business's client now, so each one's calendar (or its problem) is in the log at start. */
    public void announce() {
        if (!businesses.fromFile()) {
            return; // the environment's calendar: logged as it always was (CalendarConfiguration)
        }
        for (Business business : businesses.all()) {
            try {
                of(business);
            } catch (IllegalStateException noCalendar) {
                log.error("calendar_unusable business_id={} reason=\"{}\"", business.id(), noCalendar.getMessage());
            }
        }
    }

    private CalendarClient make(Business business) {
        if (!businesses.fromFile()) {
            return CalendarClient.of(deployment);
        }
        if (EasyAppointmentsProperties.sandbox(business.calendar().baseUrl()) && !deployment.sandbox()) {
            throw new IllegalStateException("business " + business.id() + " has no easyappointments base-url, and the"
                    + " built-in sandbox calendars only run while EASYAPPOINTMENTS_BASE_URL is empty (development)");
        }
        CalendarClient client = CalendarClient.of(business, deployment);
        log.info("calendar business_id={} api_url={}", business.id(), client.apiUrl());
        if (!client.bearerToken() && !EasyAppointmentsProperties.sandbox(business.calendar().baseUrl())) {
            log.warn("calendar_basic_auth business_id={}: Easy!Appointments hashes the password on every request (~55 ms"
                    + " each); give the business an api-token (Settings > Integrations > API) for production", business.id());
        }
        return client;
    }
}
