package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A customer as Easy!Appointments keeps them ({@code GET /customers/{id}}), every field of the
 * contract: what a data subject gets back when they ask for their data.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerRecord(int id, String firstName, String lastName, String email, String phone, String address,
        String city, String zip, String timezone, String language, String notes, String customField1,
        String customField2, String customField3, String customField4, String customField5, String ldapDn) {
}
