package io.github.vapireceptionist.calendar;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One GET /availabilities as CalendarRequests wrote its query (provider, service, date): identical reads
 * have identical keys, whatever else a later query may carry. The provider and date are read back out of
 * it so that a write can forget the days it changes.
 */
record AvailabilityKey(String query, String providerId, String date) {

    static AvailabilityKey of(String query) {
        String provider = null;
        String date = null;
        for (String parameter : (query == null ? "" : query).split("&")) {
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = parameter.substring(0, equals);
            String value = URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            if (name.equals("providerId")) {
                provider = value;
            } else if (name.equals("date")) {
                date = value;
            }
        }
        return new AvailabilityKey(query == null ? "" : query, provider, date);
    }

    /** The day an appointment starting at "YYYY-MM-DD HH:MM:SS" takes time from. */
    static ProviderDay ofAppointment(int providerId, String start) {
        return new ProviderDay(String.valueOf(providerId), start == null || start.length() < 10 ? null : start.substring(0, 10));
    }

    /** One provider's day, whatever the service: what a new appointment changes. */
    record ProviderDay(String providerId, String date) {

        /** An unreadable day or read is covered whatever it is: forgetting too much is safe, too little is not. */
        boolean covers(AvailabilityKey key) {
            return key.providerId() == null || key.date() == null
                    || providerId.equals(key.providerId()) && (date == null || date.equals(key.date()));
        }
    }
}
