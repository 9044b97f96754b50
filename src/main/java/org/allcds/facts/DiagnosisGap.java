package org.allcds.facts;

import java.util.Collection;

/**
 * What the record of an ALL patient lacks of its ALL diagnosis where it lacks more than a date: the diagnosis Condition
 * itself ({@link NoAllCondition}), or a confirmed one ({@link AllDiagnosisToConfirm}). A rule that names it in a summary
 * sets it on its finding ({@link Finding#withDiagnosisGap}), so that the card's "Missing" line names the diagnosis as
 * the summary does, whatever the summary's words.
 */
public enum DiagnosisGap {

    /** No ALL diagnosis Condition at all: the record is what is missing. */
    NOT_RECORDED("ALL diagnosis not recorded", "ALL diagnosis", "add the ALL diagnosis (Condition) to the record"),
    /** ALL diagnosis Conditions, none confirmed: the date is there, the status is what to settle. */
    NOT_CONFIRMED("ALL diagnosis not confirmed", "confirmed ALL diagnosis",
            "once the ALL diagnosis is confirmed, set its verification status to confirmed");

    private final String words;
    private final String missing;
    private final String ask;

    DiagnosisGap(String words, String missing, String ask) {
        this.words = words;
        this.missing = missing;
        this.ask = ask;
    }

    /** How a summary says it: "ALL diagnosis not recorded". */
    public String words() {
        return words;
    }

    /** How a card's "Missing" line names the diagnosis date's input under it: "ALL diagnosis", the record. */
    public String missing() {
        return missing;
    }

    /** What a card asks to do about it: "add the ALL diagnosis (Condition) to the record". */
    public String ask() {
        return ask;
    }

    /**
     * True when the facts show a gap that is why the lineage is missing too (data contract I3: the diagnosis code gives
     * it): no ALL diagnosis Condition, or none confirmed whose codes all give one lineage, so that adding or confirming
     * the diagnosis is the one step for both. Not beside unconfirmed Conditions coded as ALL alone.
     */
    public static boolean givesTheLineage(Collection<?> facts) {
        return facts.stream().anyMatch(fact -> fact instanceof NoAllCondition
                || fact instanceof AllDiagnosisToConfirm toConfirm && toConfirm.codeGivesLineage());
    }

    /** The gap the facts show (a {@link NoAllCondition} or an {@link AllDiagnosisToConfirm}), or null. */
    public static DiagnosisGap in(Collection<?> facts) {
        for (Object fact : facts) {
            if (fact instanceof NoAllCondition) {
                return NOT_RECORDED;
            }
            if (fact instanceof AllDiagnosisToConfirm) {
                return NOT_CONFIRMED;
            }
        }
        return null;
    }
}
