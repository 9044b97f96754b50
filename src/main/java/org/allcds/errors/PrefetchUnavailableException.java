package org.allcds.errors;

import java.util.List;

/** 412: data neither prefetched nor fetchable; the diagnostics name the prefetch key (CDS Hooks §Prefetch, SHALL). */
public final class PrefetchUnavailableException extends CdsException {
    private final String prefetchKey;

    public PrefetchUnavailableException(String prefetchKey, String diagnostics) {
        super(412, "not-found", diagnostics, List.of());
        this.prefetchKey = prefetchKey;
    }

    public String prefetchKey() { return prefetchKey; }

    /** Its diagnostics name the prefetch key and what failed, never the server's text or the patient. */
    @Override
    public String logText() { return diagnostics(); }
}
