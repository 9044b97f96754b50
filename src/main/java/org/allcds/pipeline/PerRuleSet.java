package org.allcds.pipeline;

import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.function.Function;
import org.allcds.engine.RuleSet;

/**
 * A value derived from a rule set alone (the templates as published, the discovery body), computed once per rule set
 * instead of on every request: a rule set changes only by a reload, which installs a new {@link RuleSet}. Only the
 * last set's value is kept, and the set itself only weakly, so a retired set is not kept alive. While requests on an
 * old and a new set overlap during a reload, the value may be computed more than once; it is the same each time.
 */
public final class PerRuleSet<T> {

    private record Entry<T>(WeakReference<RuleSet> ruleSet, T value) {
    }

    private final Function<RuleSet, T> derive;
    private volatile Entry<T> last;

    public PerRuleSet(Function<RuleSet, T> derive) {
        this.derive = Objects.requireNonNull(derive, "derive");
    }

    public T get(RuleSet ruleSet) {
        Entry<T> entry = last;
        if (entry != null && entry.ruleSet().get() == ruleSet) {
            return entry.value();
        }
        T value = Objects.requireNonNull(derive.apply(ruleSet), "derived value");
        last = new Entry<>(new WeakReference<>(ruleSet), value);
        return value;
    }
}
