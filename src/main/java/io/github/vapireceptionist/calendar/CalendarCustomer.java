package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An Easy!Appointments customer, as far as booking by phone needs one. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalendarCustomer(int id, String firstName, String lastName, String email, String phone) {

    public boolean hasEmail(String normalizedEmail) {
        return email != null && email.trim().equalsIgnoreCase(normalizedEmail);
    }
}
