package org.allcds.feedback;

import java.util.List;

/**
 * The rules (id and version) a card carried, as one shared value: every card a rule combination produces carries the
 * same list, so the store keeps each distinct list once, under an id derived from its content ({@link ContentId}: the
 * hash of the rule ids and versions in order), and a card refers to it.
 */
public record RuleList(String id, List<IssuedCard.RuleRef> rules) {

    /** No rules carried: stored as no reference at all. */
    public static final RuleList NONE = new RuleList(null, List.of());

    public RuleList {
        rules = List.copyOf(rules);
    }

    /** The value for this list, with its id computed. */
    public static RuleList of(List<IssuedCard.RuleRef> rules) {
        return rules == null || rules.isEmpty() ? NONE : new RuleList(idOf(rules), rules);
    }

    static String idOf(List<IssuedCard.RuleRef> rules) {
        return ContentId.of(rules, r -> new String[] {r.id(), r.version()});
    }
}
