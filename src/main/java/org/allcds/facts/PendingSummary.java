package org.allcds.facts;

import java.util.Collection;

/**
 * The summary of a decision that waits for one input (the COG risk group for the end-of-induction MRD, R-DX-11; a late
 * first relapse's COG stratum for the end-of-block-1 MRD, R-RR-C5). It says "pending &lt;input&gt;" only where the
 * record lacks the input, so that a clinician never waits for a result that has come: a result not yet final is
 * awaited as the final one, and a record that cannot be used is named with why ({@link InputWords#unusableWhy}), and
 * with what to correct or date in it where the summary has room.
 */
public final class PendingSummary {

    /** CDS Hooks: a card's summary is under 140 characters. */
    static final int LIMIT = 140;

    private PendingSummary() {
    }

    /**
     * {@code decision} ("COG risk group pending") waiting for the input, then {@code qualifier} (" (provisional: NCI
     * standard risk)"): "COG risk group pending end-of-induction MRD (…)" where the record lacks it; "… pending the
     * final end-of-induction MRD (…)" where it holds it in a result not yet final; else "COG risk group pending:
     * end-of-induction MRD without a full date (…); add the full date to its record". A decision that has a colon
     * already gives the reason after a comma ("Late first relapse: COG stratum pending, end-of-block-1 MRD records
     * conflict (…)"): one colon a summary.
     */
    public static String of(String decision, String inputName, String qualifier, Collection<?> facts) {
        String input = InputWords.of(inputName);
        String why = InputWords.unusableWhy(inputName, facts);
        if (why == null) {
            return decision + " " + input + qualifier;
        }
        if (why.equals(InputWords.NOT_YET_FINAL)) {
            return decision + " the final " + input + qualifier;
        }
        String said = decision + (decision.contains(":") ? ", " : ": ") + input + " " + why + qualifier;
        String ask = InputWords.askInSummary(inputName, facts, "it");
        return ask == null || (said + "; " + ask).length() >= LIMIT ? said : said + "; " + ask;
    }
}
