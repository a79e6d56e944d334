package io.github.vapireceptionist.assistant;

/** Vapi's API refused a request or could not be reached; the message says what to do about it. */
public class VapiApiException extends RuntimeException {

    public VapiApiException(String message) {
        super(message, null, false, false);
    }
}
