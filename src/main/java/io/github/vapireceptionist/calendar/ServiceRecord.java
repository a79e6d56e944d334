package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/**
 * A service as {@code GET /services} lists it: what it is called, how long it lasts (minutes), its price,
 * how many may share a slot, and whether it is hidden from the public ({@code isPrivate}: never offered).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceRecord(int id, String name, int duration, BigDecimal price, String currency,
        int attendantsNumber, boolean isPrivate) {
}
