package org.allcds.errors;

import java.time.Duration;

/**
 * 503: every evaluation slot stayed taken for the longest a call may wait for one; nothing was evaluated, and the
 * client may retry after a while.
 */
public final class ServiceBusyException extends UnavailableException {

    public ServiceBusyException(String diagnostics, Duration retryAfter) {
        super(diagnostics, retryAfter);
    }
}
