package org.allcds.prefetch;

import java.util.LinkedHashSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many bytes of FHIR data (after decompression) the service reads: at most {@code perCall} for one request, all its
 * keys and pages together, and at most {@code inFlight} held by all requests at once, from the moment they are read
 * until the request stops waiting for its fetches. Parsed FHIR data takes several times its JSON size in the heap, so
 * without these two bounds pages within {@code allcds.fhir.max-response-bytes}, times {@code max-pages}, times keys,
 * times concurrent requests could exhaust it.
 *
 * <p>A fetch past {@code perCall} fails at once. A fetch that finds no room within {@code inFlight} waits for it, until
 * its request's fetch deadline. Waiting alone could deadlock (two requests each holding half the bytes, each waiting for
 * the other), and refusing at once turns two large requests into two 412s. So requests are served in the order they
 * began: the oldest one still fetching is promised room for all it may read ({@code perCall}), and the others may only
 * take what leaves that room free. The oldest therefore never waits; when it ends its room passes to the next, so every
 * request that fits {@code perCall} is served once those before it end, or is refused at its own deadline. No charge
 * ever takes the bytes held past {@code inFlight}, and a charge that fails counts nothing.
 */
final class FetchBudget {

    private final long perCall;
    private final long inFlight;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever bytes are handed back or the oldest call changes. */
    private final Condition roomFreed = lock.newCondition();
    /** Calls not yet released, oldest first; the first is the one promised room for {@code perCall}. */
    private final LinkedHashSet<Call> calls = new LinkedHashSet<>();
    /** Written under the lock; volatile so that reading it needs none. */
    private volatile long held;
    private volatile int waiting;

    FetchBudget(long perCall, long inFlight) {
        this.perCall = perCall;
        this.inFlight = inFlight;
    }

    /**
     * A request's share, which waits for room no later than {@code deadlineNanos}. It takes its place in line now, as
     * the request begins and just before it queues its fetches: the fetch pools run queued fetches in order too, so the
     * oldest request's fetches do not sit queued behind younger ones that hold the fetch threads while they wait.
     */
    Call newCall(long deadlineNanos) {
        Call call = new Call(deadlineNanos);
        lock.lock();
        try {
            calls.add(call);
        } finally {
            lock.unlock();
        }
        return call;
    }

    /** Bytes held by requests at this moment. */
    long held() {
        return held;
    }

    /** Charges waiting for room at this moment. */
    int waiting() {
        return waiting;
    }

    /** Why a fetch found no room in time; completes "could not be fetched: …". */
    private String noRoom() {
        return "the FHIR data being fetched for all requests left no room within " + inFlight
                + " bytes (allcds.fhir.max-fetched-bytes-in-flight) before the fetch deadline";
    }

    /** One request's share: charged as bytes are read, handed back when the request stops waiting for fetches. */
    final class Call {
        private final long deadline;
        private long charged;
        private boolean released;
        private int waitingHere;
        private volatile boolean waitedForRoom;

        private Call(long deadline) {
            this.deadline = deadline;
        }

        /**
         * Counts {@code bytes} more, waiting for room if all requests together hold too much. Fails, counting nothing,
         * when this request would pass {@code perCall}, when no room comes before the deadline, or when the request
         * stops waiting for its fetches (released, or the thread interrupted).
         */
        void charge(long bytes) throws BoundedBody.Exceeded {
            lock.lock();
            try {
                if (charged + bytes > perCall) {
                    throw new BoundedBody.Exceeded("the FHIR data fetched for this request exceed " + perCall
                            + " bytes (allcds.fhir.max-fetched-bytes)");
                }
                while (!released && !fits(bytes)) {
                    awaitRoom();
                }
                if (released) {
                    throw new BoundedBody.Exceeded(FhirFetcher.Exchanges.ENDED);
                }
                charged += bytes;
                held += bytes;
            } finally {
                lock.unlock();
            }
        }

        /** Whether, after {@code bytes} more for this call, the oldest call could still read up to {@code perCall}. */
        private boolean fits(long bytes) {
            Call oldest = calls.iterator().next();
            long promised = perCall - oldest.charged - (oldest == this ? bytes : 0);
            return held + bytes + promised <= inFlight;
        }

        private void awaitRoom() throws BoundedBody.Exceeded {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                waitedForRoom = true;
                throw new BoundedBody.Exceeded(noRoom());
            }
            waiting++;
            waitingHere++;
            try {
                roomFreed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BoundedBody.Exceeded(FhirFetcher.Exchanges.ENDED);
            } finally {
                waiting--;
                waitingHere--;
            }
        }

        /**
         * {@link #noRoom()} if a fetch of this request found no room in time, or was still waiting for it when the
         * request was released; else null.
         */
        String noRoomReason() {
            return waitedForRoom ? noRoom() : null;
        }

        /** Hands the request's bytes, and its place in line, back; wakes its own waiting fetches, which then fail. */
        void release() {
            lock.lock();
            try {
                if (!released) {
                    released = true;
                    waitedForRoom |= waitingHere > 0;
                    held -= charged;
                    calls.remove(this);
                    roomFreed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
