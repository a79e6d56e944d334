package io.github.vapireceptionist.notify;

/** A name or address that must not reach a mail header (control characters, not one address): never retried. */
public class UnsafeEmailException extends IllegalArgumentException {

    public UnsafeEmailException(String message) {
        super(message);
    }
}
