package io.github.vapireceptionist.calendar;

/** One page of {@code GET /services} or {@code GET /providers} (1-based; Easy!Appointments' default length is 20). */
public record CatalogPage(int page, int length) {
}
