package org.allcds.errors;

import java.util.List;

/** 401: the body never says which check failed; the reason is logged (without the token). */
public final class UnauthenticatedException extends CdsException {
    private final String reason;

    public UnauthenticatedException(String reason) {
        super(401, "login", "The request is not authenticated.", List.of());
        this.reason = reason;
    }

    /** For the log only. */
    public String reason() { return reason; }

    /** The log says which check failed; the body does not. */
    @Override
    public String logText() { return reason; }
}
