package org.allcds.feedback;

import java.util.List;
import org.allcds.hooks.Coding;

/**
 * The override reasons a card offered, as one shared value: every card of a service and rule set offers the same list
 * (declared in {@code services.yaml}), so the store keeps each distinct list once, under an id derived from its
 * content ({@link ContentId}: the hash of the codings in order), and a card refers to it.
 */
public record OfferedReasons(String id, List<Coding> reasons) {

    /** Prefix of ids derived from the content; cards recorded before migration V4 have their own per-card lists. */
    static final String ID_PREFIX = ContentId.PREFIX;
    /** No reasons offered: stored as no reference at all. */
    public static final OfferedReasons NONE = new OfferedReasons(null, List.of());

    public OfferedReasons {
        reasons = List.copyOf(reasons);
    }

    /** The shared value for this list; a new one (with its id computed) the first time the list is seen. */
    public static OfferedReasons of(List<Coding> reasons) {
        return reasons == null || reasons.isEmpty() ? NONE : new OfferedReasons(idOf(reasons), reasons);
    }

    static String idOf(List<Coding> reasons) {
        return ContentId.of(reasons, r -> new String[] {r.system(), r.code(), r.display()});
    }

    /**
     * One shared {@link OfferedReasons} per distinct list, so that the cards waiting to be recorded all point at a
     * handful of lists instead of each holding copies. Bounded: past {@link #MAX_LISTS} distinct lists (a rule set
     * reloaded very often with changed reasons) a list is still recorded correctly, just not shared.
     */
    static final class Registry {
        static final int MAX_LISTS = 256;
        private final SharedValues<List<Coding>, OfferedReasons> lists = new SharedValues<>(MAX_LISTS);

        OfferedReasons of(List<Coding> reasons) {
            // List.copyOf: the key must not change after it is kept (a card's own list is already unmodifiable: no copy).
            return reasons == null || reasons.isEmpty() ? NONE : lists.get(List.copyOf(reasons), OfferedReasons::of);
        }
    }
}
