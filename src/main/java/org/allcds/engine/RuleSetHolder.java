package org.allcds.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rule set currently serving. A swap is atomic: each request leases the set it started with and finishes on it,
 * and the retired set is disposed when its last request ends. Closing the holder (at shutdown) retires the set serving.
 */
public final class RuleSetHolder implements AutoCloseable {

    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final CompletableFuture<RuleSet> first;
    private final List<Consumer<RuleSet>> swapListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    public RuleSetHolder(RuleSet initial) {
        this(CompletableFuture.completedFuture(initial));
    }

    private RuleSetHolder(CompletableFuture<RuleSet> first) {
        this.first = first;
    }

    /**
     * A holder whose first rule set is still being compiled (so that start-up goes on meanwhile): whoever asks for it
     * first waits, and gets the compilation's failure if it failed.
     */
    public static RuleSetHolder loading(CompletableFuture<RuleSet> first) {
        return new RuleSetHolder(first);
    }

    public RuleSet current() {
        RuleSet set = current.get();
        return set != null ? set : awaitFirst();
    }

    private RuleSet awaitFirst() {
        try {
            current.compareAndSet(null, first.join());
            return current.get();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Runs {@code work} on one consistent rule set, held for the whole call. A set disposed between reading and leasing
     * it has been swapped out, so the current one is read again; a disposed set that is still current (the holder was
     * closed, or someone retired it without a swap) can never be leased, and waiting for it would spin for ever.
     */
    public <T> T withRuleSet(Function<RuleSet, T> work) {
        RuleSet set = current();
        while (!set.acquire()) {
            RuleSet now = current();
            if (now == set) {
                throw new IllegalStateException("No rule set is serving: the current one has been retired"
                        + (closed.get() ? " because the service is shutting down" : " without a replacement"));
            }
            set = now;
        }
        try {
            return work.apply(set);
        } finally {
            set.release();
        }
    }

    /** Installs {@code next} and retires the previous set; returns the previous one. */
    public RuleSet swap(RuleSet next) {
        current();
        RuleSet previous = current.getAndSet(next);
        if (previous != null && previous != next) {
            previous.retire();
        }
        swapListeners.forEach(listener -> listener.accept(next));
        return previous;
    }

    /**
     * Tells {@code listener} of the set serving now (or of the first set once it is compiled) and of every set swapped
     * in later (metrics). It never waits for the first set.
     */
    public void onSwap(Consumer<RuleSet> listener) {
        swapListeners.add(listener);
        RuleSet now = current.get();
        if (now != null) {
            listener.accept(now);
        } else {
            first.thenAccept(listener);
        }
    }

    /**
     * Retires the set serving (requests still on it finish first), or the first set once its compilation ends. Later
     * calls do nothing; {@link #withRuleSet} then fails at once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuleSet now = current.get();
        if (now != null) {
            now.retire();
        } else {
            first.thenAccept(set -> current().retire());
        }
    }
}
