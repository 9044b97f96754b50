package org.allcds.errors;

import java.time.Duration;

/** 503: the database behind feedback is unreachable; nothing was written, and the client may retry after a while. */
public final class StoreUnavailableException extends UnavailableException {

    public StoreUnavailableException(String diagnostics, Duration retryAfter) {
        super(diagnostics, retryAfter);
    }
}
