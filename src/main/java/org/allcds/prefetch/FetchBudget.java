package org.allcds.prefetch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of FHIR data (after decompression) the service reads: at most {@code perCall} for one request, all its
 * keys and pages together, and at most {@code inFlight} held by all requests at once, from the moment they are read
 * until the request stops waiting for its fetches. Parsed FHIR data takes several times its JSON size in the heap, so
 * without these two bounds pages within {@code allcds.fhir.max-response-bytes}, times {@code max-pages}, times keys,
 * times concurrent requests could exhaust it. A fetch past either bound fails at once; it never waits for room.
 */
final class FetchBudget {

    private final long perCall;
    private final long inFlight;
    private final AtomicLong held = new AtomicLong();

    FetchBudget(long perCall, long inFlight) {
        this.perCall = perCall;
        this.inFlight = inFlight;
    }

    Call newCall() {
        return new Call();
    }

    /** Bytes held by requests at this moment. */
    long held() {
        return held.get();
    }

    /** One request's share: charged as bytes are read, handed back when the request stops waiting for fetches. */
    final class Call {
        private long charged;
        private boolean released;

        /** Counts {@code bytes} more; fails when this request or all requests together hold too much. */
        synchronized void charge(long bytes) throws BoundedBody.Exceeded {
            if (released) {
                throw new BoundedBody.Exceeded("the request stopped waiting for its fetches");
            }
            charged += bytes;
            long total = held.addAndGet(bytes);
            if (charged > perCall) {
                throw new BoundedBody.Exceeded("the FHIR data fetched for this request exceed " + perCall
                        + " bytes (allcds.fhir.max-fetched-bytes)");
            }
            if (total > inFlight) {
                throw new BoundedBody.Exceeded("the FHIR data being fetched for all requests exceed " + inFlight
                        + " bytes (allcds.fhir.max-fetched-bytes-in-flight)");
            }
        }

        /** Hands the request's bytes back; later charges fail. */
        synchronized void release() {
            if (!released) {
                released = true;
                held.addAndGet(-charged);
            }
        }
    }
}
