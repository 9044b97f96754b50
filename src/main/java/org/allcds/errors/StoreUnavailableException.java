package org.allcds.errors;

import java.time.Duration;
import java.util.List;

/** 503: the database behind feedback is unreachable; nothing was written, and the client may retry after a while. */
public final class StoreUnavailableException extends CdsException {

    private final Duration retryAfter;

    public StoreUnavailableException(String diagnostics, Duration retryAfter) {
        super(503, "transient", diagnostics, List.of());
        this.retryAfter = retryAfter;
    }

    /** For the {@code Retry-After} header, in whole seconds. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
