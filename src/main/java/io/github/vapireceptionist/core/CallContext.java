package io.github.vapireceptionist.core;

/** What a function needs to know about the live call. Every field may be null. */
public record CallContext(String callId, String customerNumber, String controlUrl) {

    public static final CallContext UNKNOWN = new CallContext(null, null, null);
}
