package org.allcds.errors;

import java.util.List;

/** 404: no service with that id. */
public final class UnknownServiceException extends CdsException {
    public UnknownServiceException(String diagnostics) {
        super(404, "not-found", diagnostics, List.of());
    }
}
