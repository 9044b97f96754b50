package org.allcds.facts;

import java.util.Map;

/**
 * How text a clinician reads names a missing input: "end-of-block-1 MRD" for {@code relapse-end-block1-mrd}. The cards
 * and the rules' own summaries ("… could not be checked: birth date not recorded") say it the same way.
 */
public final class InputWords {

    private static final Map<String, String> WORDS = Map.of("wbc-at-diagnosis", "WBC at diagnosis",
            "end-of-induction-mrd", "end-of-induction MRD", "day8-mrd", "day-8 MRD",
            "relapse-end-block1-mrd", "end-of-block-1 MRD", "relapse-end-block1-blasts", "end-of-block-1 marrow blasts",
            "end-of-frontline-therapy", "end of front-line therapy",
            "cns-status", "CNS status");

    private InputWords() {
    }

    /**
     * The input as something still needed: its words, or for one the record has only as a bound (which cannot decide)
     * "exact …", so that a card never asks for a result as if it were not recorded.
     */
    public static String needed(String inputName) {
        return (Input.isRecordedAsBound(inputName) ? "exact " : "") + of(inputName);
    }

    /** The input's words: a known name's, else the name with its hyphens as spaces ("birth date"). */
    public static String of(String inputName) {
        String known = WORDS.get(inputName);
        return known != null ? known : inputName.replace('-', ' ');
    }
}
