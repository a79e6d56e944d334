package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.business.Business;

/**
 * What every call to one business's Easy!Appointments carries: where it is ({@code CamelHttpUri}), who calls it
 * (the {@code Authorization} header), and the provider and service a question naming none is about.
 */
public record CalendarClient(String apiUrl, String authorization, boolean bearerToken, int providerId, int serviceId) {

    /** The calendar of EASYAPPOINTMENTS_*: the one business without BUSINESSES_FILE, exactly as it was called before. */
    public static CalendarClient of(EasyAppointmentsProperties calendar) {
        CalendarCredentials credentials = CalendarCredentials.of(calendar);
        return new CalendarClient(calendar.apiUrl(), credentials.authorization(), credentials.usesBearerToken(),
                calendar.providerId(), calendar.serviceId());
    }

    /**
     * A business's own calendar: its base URL, or without one its own sandbox on this app (development only:
     * {@link EasyAppointmentsProperties#apiUrlOf}); its credentials; its default provider and service.
     */
    public static CalendarClient of(Business business, EasyAppointmentsProperties deployment) {
        Business.Calendar calendar = business.calendar();
        CalendarCredentials credentials = CalendarCredentials.of(calendar);
        return new CalendarClient(deployment.apiUrlOf(business.id(), calendar.baseUrl()), credentials.authorization(),
                credentials.usesBearerToken(), calendar.providerId(), calendar.serviceId());
    }

    /** Never the Authorization header. */
    @Override
    public String toString() {
        return "CalendarClient[" + apiUrl + ", provider " + providerId + ", service " + serviceId + "]";
    }
}
