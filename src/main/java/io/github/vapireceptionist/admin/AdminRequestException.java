package io.github.vapireceptionist.admin;

/** An admin request that cannot run as asked (no email, a malformed one): 400 with this message. */
public class AdminRequestException extends RuntimeException {

    public AdminRequestException(String message) {
        super(message, null, false, false);
    }
}
