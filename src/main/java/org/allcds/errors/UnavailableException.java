package org.allcds.errors;

import java.time.Duration;
import java.util.List;

/**
 * 503: the service cannot answer now, for a reason that passes; nothing was done, and the answer's
 * {@code Retry-After} says when the client may try again.
 */
public abstract sealed class UnavailableException extends CdsException
        permits StoreUnavailableException, ServiceBusyException {

    private final Duration retryAfter;

    protected UnavailableException(String diagnostics, Duration retryAfter) {
        super(503, "transient", diagnostics, List.of());
        this.retryAfter = retryAfter;
    }

    /** For the {@code Retry-After} header, in whole seconds (at least 1). */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }

    /** Its diagnostics say what is unavailable and whether anything was done. */
    @Override
    public String logText() { return diagnostics(); }
}
