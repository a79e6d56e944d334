package io.github.vapireceptionist.webhook;

/** The request body is not a Vapi server message at all: answered 400, nothing runs. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String reason) {
        super(reason, null, false, false);
    }
}
