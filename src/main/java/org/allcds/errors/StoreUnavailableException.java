package org.allcds.errors;

import java.time.Duration;

/**
 * 503: the database behind feedback is unreachable or did not answer in time; the diagnostics say whether anything
 * may have been written, and the client may retry after a while (feedback sent again is not stored twice).
 */
public final class StoreUnavailableException extends UnavailableException {

    public StoreUnavailableException(String diagnostics, Duration retryAfter) {
        super(diagnostics, retryAfter);
    }
}
