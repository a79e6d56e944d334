package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A provider as {@code GET /providers} lists them: their name, time zone and the ids of the services they
 * offer. Only these fields are read: the rest of the record ({@code settings} with its CalDAV password and
 * Google token) is never held, so it can never be logged.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderRecord(int id, String firstName, String lastName, String timezone, List<Integer> services) {

    public ProviderRecord {
        services = services == null ? List.of() : List.copyOf(services);
    }
}
