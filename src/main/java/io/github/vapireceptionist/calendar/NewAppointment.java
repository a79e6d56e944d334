package io.github.vapireceptionist.calendar;

/** The body of {@code POST /appointments}: start/end as naive provider-local "YYYY-MM-DD HH:MM:SS". */
public record NewAppointment(String start, String end, int customerId, int providerId, int serviceId,
        String status, String notes) {
}
