package org.allcds.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The rule set currently serving. A swap is atomic: each request leases the set it started with and finishes on it,
 * and the retired set is disposed when its last request ends.
 */
public final class RuleSetHolder {

    private final AtomicReference<RuleSet> current;
    private final java.util.List<java.util.function.Consumer<RuleSet>> swapListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RuleSetHolder(RuleSet initial) {
        this.current = new AtomicReference<>(initial);
    }

    public RuleSet current() {
        return current.get();
    }

    /** Runs {@code work} on one consistent rule set, held for the whole call. */
    public <T> T withRuleSet(Function<RuleSet, T> work) {
        while (true) {
            RuleSet set = current.get();
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
        RuleSet previous = current.getAndSet(next);
        if (previous != null && previous != next) {
            previous.retire();
        }
        swapListeners.forEach(listener -> listener.accept(next));
        return previous;
    }

    /** Tells {@code listener} of the set serving now and of every set swapped in later (metrics). */
    public void onSwap(java.util.function.Consumer<RuleSet> listener) {
        swapListeners.add(listener);
        listener.accept(current.get());
    }
}
