package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code POST /customers}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewCustomer(String firstName, String lastName, String email, String phone, String timezone,
        String notes) {
}
