package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code PUT /customers/{id}}: only the fields to fill in (EA merges). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerUpdate(@JsonIgnore int id, String firstName, String lastName, String phone) {
}
