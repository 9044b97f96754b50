package org.allcds.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The rule set currently serving. A swap is atomic: each request leases the set it started with and finishes on it,
 * and the retired set is disposed when its last request ends.
 */
public final class RuleSetHolder {

    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final CompletableFuture<RuleSet> first;
    private final java.util.List<java.util.function.Consumer<RuleSet>> swapListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

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

    /** Runs {@code work} on one consistent rule set, held for the whole call. */
    public <T> T withRuleSet(Function<RuleSet, T> work) {
        while (true) {
            RuleSet set = current();
            if (set.acquire()) {
                try {
                    return work.apply(set);
                } finally {
                    set.release();
                }
            }
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
    public void onSwap(java.util.function.Consumer<RuleSet> listener) {
        swapListeners.add(listener);
        RuleSet now = current.get();
        if (now != null) {
            listener.accept(now);
        } else {
            first.thenAccept(listener);
        }
    }
}
