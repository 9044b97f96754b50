package org.allcds.errors;

import java.util.List;

/** 404: no service with that id. */
public final class UnknownServiceException extends CdsException {
    public UnknownServiceException(String diagnostics) {
        super(404, "not-found", diagnostics, List.of());
    }

    /** The answer names the id the client sent; the log does not (it may be anything, a patient's name included). */
    @Override
    public String logText() { return "no CDS service with the id the request names"; }
}
