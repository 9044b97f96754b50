package org.allcds.errors;

import java.util.List;

/** 413: the body exceeds {@code allcds.limits.max-body-bytes}. */
public final class RequestTooLargeException extends CdsException {
    public RequestTooLargeException(String diagnostics) {
        super(413, "too-costly", diagnostics, List.of());
    }

    /** Its diagnostics name the configured limit. */
    @Override
    public String logText() { return diagnostics(); }
}
