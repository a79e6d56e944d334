package io.github.vapireceptionist.store;

/**
 * Redis failed an operation that has no fallback to memory (a GDPR erasure): the caller must hear it. The
 * message names the kind and operation only, never the URL or a key.
 */
public class SharedStoreUnavailableException extends RuntimeException {

    SharedStoreUnavailableException(String kind, String operation) {
        super("the shared store (Redis) did not answer " + operation + " on " + kind, null, false, false);
    }
}
