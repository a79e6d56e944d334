package io.github.vapireceptionist.calendar;

/** {@code GET /appointments?customerId&sort=id&page&length}: every appointment of one customer, page by page. */
public record CustomerAppointmentsQuery(int customerId, int page, int length) {
}
