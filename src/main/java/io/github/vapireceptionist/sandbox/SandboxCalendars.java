package io.github.vapireceptionist.sandbox;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import io.github.vapireceptionist.calendar.CalendarCredentials;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Clock;
import java.util.Optional;

/**
 * The sandbox calendars of this development instance: the default one (the {@link SandboxCalendar} bean, at
 * /sandbox/easyappointments, the calendar of the one business of EASYAPPOINTMENTS_*), and one of its own for each
 * business of BUSINESSES_FILE without a calendar base URL (at /sandbox/{businessId}/easyappointments), each with its
 * own appointments and customers and accepting only that business's credentials. A business's is made on its first
 * call, and made afresh (empty) when the business's settings change.
 */
public final class SandboxCalendars {

    /** One sandbox calendar and who may call it. */
    public record Sandbox(SandboxCalendar calendar, SandboxCredentials credentials) {
    }

    private final Sandbox defaultSandbox;
    private final Businesses businesses;
    private final PerBusiness<Sandbox> own;

    /**
     * @param businesses null: only the default sandbox exists
     */
    public SandboxCalendars(Sandbox defaultSandbox, Businesses businesses, Clock clock, int futureBookingLimitDays) {
        this.defaultSandbox = defaultSandbox;
        this.businesses = businesses;
        this.own = new PerBusiness<>(business -> new Sandbox(
                new SandboxCalendar(clock, business.timezone(), futureBookingLimitDays), credentials(business)));
    }

    /** The default sandbox alone. */
    public static SandboxCalendars only(Sandbox defaultSandbox) {
        return new SandboxCalendars(defaultSandbox, null, null, 0);
    }

    /** The default sandbox (no business named), or the business's own; none for a business with a real calendar. */
    public Optional<Sandbox> of(String businessId) {
        if (businessId == null || Businesses.DEFAULT_ID.equals(businessId)) {
            return Optional.of(defaultSandbox);
        }
        return Optional.ofNullable(businesses).flatMap(all -> all.byId(businessId))
                .filter(business -> EasyAppointmentsProperties.sandbox(business.calendar().baseUrl()))
                .map(own::of);
    }

    /** The credentials the business's calls carry (CalendarClient), so only they open its sandbox. */
    private static SandboxCredentials credentials(Business business) {
        CalendarCredentials credentials = CalendarCredentials.of(business.calendar());
        return new SandboxCredentials(credentials.username(), credentials.password(), credentials.apiToken());
    }
}
