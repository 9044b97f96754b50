package org.allcds.feedback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One value per distinct key, shared by every caller that asks for an equal key, so that the cards waiting to be
 * recorded point at a few values instead of each holding its own copy. Bounded: past {@code max} keys a value is made
 * for the caller and not kept (correct, only not shared), so unusual input cannot grow it without end.
 */
final class SharedValues<K, V> {

    private final int max;
    private final Map<K, V> known = new ConcurrentHashMap<>();

    SharedValues(int max) {
        this.max = max;
    }

    /** The value shared for {@code key}, made by {@code make} the first time; {@code key} is kept as given. */
    V get(K key, Function<K, V> make) {
        V shared = known.get(key);
        if (shared != null) {
            return shared;
        }
        V made = make.apply(key);
        if (known.size() >= max) {
            return made;
        }
        V raced = known.putIfAbsent(key, made);
        return raced == null ? made : raced;
    }
}
