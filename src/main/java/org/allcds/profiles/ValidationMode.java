package org.allcds.profiles;

import java.util.Locale;

/** Run-time validation of the prefetched resources: {@code allcds.validation.mode}. */
public enum ValidationMode {
    /** Not validated (the default): the mapping ignores what it cannot use. */
    OFF,
    /** Validated; problems are reported on an info card and as a {@code data-quality} finding, evaluation goes on. */
    WARN,
    /** Validated; any problem rejects the request with a 400 OperationOutcome. */
    STRICT;

    public static ValidationMode parse(String value) {
        // YAML 1.1 reads an unquoted off as false
        if ("false".equalsIgnoreCase(value.trim())) {
            return OFF;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("allcds.validation.mode must be off, warn or strict", e);
        }
    }
}
