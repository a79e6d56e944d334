package io.github.vapireceptionist.transfer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * TRANSFER_ENABLED, TRANSFER_PHONE_NUMBER and TRANSFER_MESSAGE: where a caller who asks for a person
 * is put through, and what they hear meanwhile.
 */
@Validated
@ConfigurationProperties("transfer")
public record TransferProperties(
        boolean enabled,
        @Pattern(regexp = "^$|^\\+[1-9]\\d{6,14}$", message = "must be an E.164 number such as +441234567890")
        String phoneNumber,
        @NotBlank @Size(max = 500) String message) {

    public boolean available() {
        return enabled && phoneNumber != null && !phoneNumber.isBlank();
    }
}
