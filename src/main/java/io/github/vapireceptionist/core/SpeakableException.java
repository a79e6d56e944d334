package io.github.vapireceptionist.core;

import java.util.Locale;

/**
 * A failure whose message is a short sentence the assistant can say to the caller as it is.
 * Thrown by the beans behind every function; turned into the tool call's {@code error} in one
 * place (routes/error-handling.camel.yaml). No stack trace: these are expected outcomes.
 * Its {@link Kind} says which kind of "no" it is, for the tool_calls metric.
 */
public class SpeakableException extends RuntimeException {

    /** The outcome a tool call answered with this exception is counted as. */
    public enum Kind {
        /** The caller's input cannot be used: a past date, an email that isn't one. */
        VALIDATION_ERROR,
        /** A valid request the app cannot do: transfers are off. */
        DECLINED,
        /** Refused for safety: a control URL off the allowlist. */
        REFUSED,
        /** A dependency (the calendar) could not be reached or answered nonsense. */
        UNAVAILABLE,
        /** A dependency answered that it would not do it (call control refused a transfer). */
        UPSTREAM_ERROR;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    public SpeakableException(String sentence) {
        this(sentence, null, Kind.VALIDATION_ERROR);
    }

    public SpeakableException(String sentence, Throwable cause) {
        this(sentence, cause, Kind.VALIDATION_ERROR);
    }

    public SpeakableException(String sentence, Kind kind) {
        this(sentence, null, kind);
    }

    public SpeakableException(String sentence, Throwable cause, Kind kind) {
        super(sentence, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
