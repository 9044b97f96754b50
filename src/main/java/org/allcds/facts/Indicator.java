package org.allcds.facts;

/**
 * How urgent a finding's card is (CDS Hooks {@code card.indicator}), least urgent first: a card takes the most urgent
 * indicator of the findings it shows. An enum so that a misspelt indicator in a rule does not compile (lint reports it
 * at its position) instead of silently becoming {@code info}.
 */
public enum Indicator {
    INFO, WARNING, CRITICAL;

    /** The CDS Hooks value: {@code info}, {@code warning} or {@code critical}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The more urgent of the two. */
    public Indicator max(Indicator other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
