package org.allcds.facts;

import static java.util.stream.Collectors.joining;

import java.util.Collection;
import java.util.List;

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
        return of(decision, List.of(inputName), qualifier, facts);
    }

    /**
     * As {@link #of(String, String, String, Collection)}, for a decision that waits for several inputs (the HSCT
     * decision for the relapse site and the end-of-block-1 MRD): "… pending relapse site and the final end-of-block-1
     * MRD" where each is lacking or not yet final; else each with why ("relapse site not recorded, end-of-block-1 MRD
     * records conflict"), and the ask of the one input whose record has a fault where the summary has room.
     */
    public static String of(String decision, List<String> inputNames, String qualifier, Collection<?> facts) {
        List<String> unusable = inputNames.stream().filter(name -> cannotBeUsed(name, facts)).toList();
        if (unusable.isEmpty()) {
            return decision + " " + inputNames.stream().map(name -> awaited(name, facts)).collect(joining(" and "))
                    + qualifier;
        }
        String said = decision + (decision.contains(":") ? ", " : ": ")
                + inputNames.stream().map(name -> InputWords.of(name) + " " + why(name, facts)).collect(joining(", "))
                + qualifier;
        String ask = unusable.size() > 1 ? null : inputNames.size() == 1 ? InputWords.askInSummary(unusable.get(0), facts, "it")
                : InputWords.askInSummary(unusable.get(0), facts);
        return ask == null || (said + "; " + ask).length() >= LIMIT ? said : said + "; " + ask;
    }

    /** True where the record holds the input but cannot use it, other than as a result not yet final (awaited). */
    private static boolean cannotBeUsed(String inputName, Collection<?> facts) {
        String why = InputWords.unusableWhy(inputName, facts);
        return why != null && !why.equals(InputWords.NOT_YET_FINAL);
    }

    /** "end-of-block-1 MRD", "exact end-of-block-1 marrow blasts", "the final end-of-block-1 MRD". */
    private static String awaited(String inputName, Collection<?> facts) {
        boolean notYetFinal = InputWords.NOT_YET_FINAL.equals(InputWords.unusableWhy(inputName, facts));
        return (notYetFinal ? "the final " : "") + InputWords.needed(inputName);
    }

    /** Why the input is lacking: its record's reason, else "not exact" for one recorded as a bound, or "not recorded". */
    private static String why(String inputName, Collection<?> facts) {
        String why = InputWords.unusableWhy(inputName, facts);
        return why != null ? why : Input.isRecordedAsBound(inputName) ? InputWords.NOT_EXACT : "not recorded";
    }
}
