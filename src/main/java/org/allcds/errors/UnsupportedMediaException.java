package org.allcds.errors;

import java.util.List;

/** 415: the body is not {@code application/json}. */
public final class UnsupportedMediaException extends CdsException {
    public UnsupportedMediaException(String diagnostics) {
        super(415, "not-supported", diagnostics, List.of());
    }
}
