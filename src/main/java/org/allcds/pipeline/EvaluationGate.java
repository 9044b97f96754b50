package org.allcds.pipeline;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.allcds.errors.ServiceBusyException;
import org.allcds.prefetch.PrefetchResolver.FetchWait;

/**
 * The CPU bulkhead of the service call: at most {@code permits} calls parse, evaluate and render at once, whatever
 * the number of request threads. Sixteen connections on two cores otherwise mean sixteen threads taking turns on
 * them, each with its rule session and data hot, and every call costs more CPU (caches, context switches). A call
 * waits its turn in arrival order (a fair semaphore), at most {@code maxWait}; then it is a 503 with
 * {@code Retry-After}. A call waiting for the EHR's FHIR server hands its permit back for the wait
 * ({@link Permit#during}): fetches are I/O, and must not hold the CPU's turns.
 */
public final class EvaluationGate {

    private final int size;
    private final Semaphore permits;
    private final Duration maxWait;
    private final Duration retryAfter;

    public EvaluationGate(EvaluationGateProperties properties) {
        this(properties.permits(), properties.maxWait(), properties.retryAfter());
    }

    EvaluationGate(int permits, Duration maxWait, Duration retryAfter) {
        this.size = permits;
        this.permits = new Semaphore(permits, true);
        this.maxWait = maxWait;
        this.retryAfter = retryAfter;
    }

    /** A gate that never makes a call wait, for tools that evaluate one call at a time. */
    public static EvaluationGate unbounded() {
        return new EvaluationGate(Integer.MAX_VALUE, Duration.ofDays(1), Duration.ofSeconds(1));
    }

    /** Runs {@code work} holding a permit; {@link ServiceBusyException} if none comes free within the wait. */
    public <T> T call(Function<Permit, T> work) {
        Permit permit = new Permit();
        try {
            return work.apply(permit);
        } finally {
            permit.release();
        }
    }

    /** True when no call holds or waits for a permit: work that can wait (a background warm-up) may run. */
    public boolean idle() {
        return permits.availablePermits() >= size && !permits.hasQueuedThreads();
    }

    /** Permits free now (for tests and metrics). */
    int available() {
        return permits.availablePermits();
    }

    int size() {
        return size;
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ServiceBusyException("The service is at capacity: no evaluation slot came free within "
                    + maxWait.toMillis() + " ms; retry later.", retryAfter);
        }
    }

    /** One call's turn on the CPU; handed back while the call waits for fetches. */
    public final class Permit implements FetchWait {

        private boolean held;

        private Permit() {
            acquire();
            held = true;
        }

        @Override
        public <T> T during(Supplier<T> waiting) {
            release();
            T result = waiting.get();
            acquire();
            held = true;
            return result;
        }

        private void release() {
            if (held) {
                held = false;
                permits.release();
            }
        }
    }
}
