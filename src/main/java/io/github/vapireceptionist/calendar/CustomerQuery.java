package io.github.vapireceptionist.calendar;

/** One page of {@code GET /customers?q=...&sort=id} (1.5.2 fails on q without sort). */
public record CustomerQuery(String text, int page, int length) {
}
