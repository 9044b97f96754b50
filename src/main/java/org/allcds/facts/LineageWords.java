package org.allcds.facts;

import static org.allcds.facts.RuleFunctions.firstThatFits;

import java.util.Collection;

/**
 * How a relapse card's summary speaks of a lineage the rules lack (R-RR-C1, R-RR-B4, R-TX-CART-01): why its records
 * cannot be used ({@code gap}: "not known", "records conflict", "without a full date"), what waits for it, and what to
 * do ({@code ask}: "record the lineage", "add the full date to the immunophenotype record"). Each is said in fewer
 * words only where the full ones would be cut: a summary is shown whole, and the request always ends it.
 */
public final class LineageWords {

    private static final String LINEAGE = Input.LINEAGE.code();

    private LineageWords() {
    }

    /**
     * The summary of a lineage missing: "Lineage (B or T) not known: {what waits for it}; record it", or by why the
     * records of it that the issues name cannot be used ({@link InputWords#unusableWhy}, {@link InputWords#ask}):
     * "Lineage without a full date: …; add the full date to its record". What waits: the CD19-directed checks, and at a
     * first relapse ({@code strataWait}) the strata and HSCT decisions that differ between B and T.
     */
    public static String missing(Collection<?> lineageIssues, boolean strataWait) {
        String why = InputWords.unusableWhy(LINEAGE, lineageIssues);
        String ask = InputWords.ask(LINEAGE, lineageIssues, "it");
        String lineage = "Lineage " + (why == null ? "(B or T) not known" : why) + ": CD19-directed checks";
        if (!strataWait) {
            return lineage + " wait for it; " + ask;
        }
        return firstThatFits(lineage + ", and strata or HSCT decisions that differ between B and T, wait for it; " + ask,
                lineage + ", and strata or HSCT that differ by lineage, wait for it; " + ask);
    }

    /**
     * A first relapse whose stratum in a scheme waits for the lineage: "First relapse, lineage not known: COG stratum
     * undecided (low or high risk); record the lineage", else "…: COG intermediate or high risk, HSCT either way; …".
     * {@code undecided}: "undecided", "undetermined"; {@code candidates}: "low or high risk", "S2 or S4".
     */
    public static String strataOpen(String scheme, String undecided, String candidates, boolean hsctEitherWay, String gap,
                                    String ask) {
        String firstRelapse = "First relapse, lineage " + gap + ": ";
        String briefly = scheme + " " + candidates + (hsctEitherWay ? ", HSCT either way" : "") + "; " + ask;
        return firstThatFits(firstRelapse + scheme + " stratum " + undecided + " (" + candidates + ")"
                        + (hsctEitherWay ? ", HSCT indicated either way" : "") + "; " + ask,
                firstRelapse + briefly, "Lineage " + gap + ": " + briefly);
    }

    /**
     * A first relapse of COG high risk at either lineage: "Early first isolated marrow relapse (COG high risk), B or T:
     * reinduction, then refer for HSCT; record the lineage", else without the heading's timing and site, which the
     * card's table and relapse line give.
     */
    public static String highEitherWay(String heading, String ask) {
        return firstThatFits(heading + ", B or T: reinduction, then refer for HSCT; " + ask,
                heading + ", B or T: reinduction, then HSCT; " + ask,
                "First relapse (COG high risk), B or T: reinduction, then HSCT; " + ask);
    }
}
