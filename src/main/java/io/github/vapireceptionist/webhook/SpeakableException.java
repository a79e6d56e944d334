package io.github.vapireceptionist.webhook;

/**
 * A failure whose message is a short sentence the assistant can say to the caller as it is.
 * Thrown by the beans behind every function; turned into the tool call's {@code error} in one
 * place (routes/error-handling.camel.yaml). No stack trace: these are expected outcomes.
 */
public class SpeakableException extends RuntimeException {

    public SpeakableException(String sentence) {
        super(sentence, null, false, false);
    }

    public SpeakableException(String sentence, Throwable cause) {
        super(sentence, cause, false, false);
    }
}
