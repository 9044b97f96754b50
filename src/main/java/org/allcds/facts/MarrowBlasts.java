package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Input I9: marrow blasts by morphology, percent: exact, or a bound ("&gt; 25", "&lt; 5"). Exact counts of one time that
 * disagree (3 % and 10 %) are all possible: {@code percent} is then the lowest and {@code highest} the highest, and they
 * decide a threshold only when all of them fall on one side of it (3 % and 10 % are below 25 %, not 5 %); the records
 * conflict ({@link #conflicting()}), as WBC counts of one day do. {@code highest} is null otherwise. A bound beside a
 * count (&gt; 20 % and 30 %) is not that: it is read as at least the smallest, and the exact count is still to report.
 */
public record MarrowBlasts(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, BigDecimal highest,
                           LocalDate date, String reference) implements ClinicalInput, ReportedValue {

    public MarrowBlasts(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, LocalDate date, String reference) {
        this(timepoint, percent, bound, null, date, reference);
    }

    /** Exact counts of one time that disagree, from {@code lowest} to {@code highest}. */
    public static MarrowBlasts disagreeing(MrdTimepoint timepoint, BigDecimal lowest, BigDecimal highest, LocalDate date,
                                           String reference) {
        return new MarrowBlasts(timepoint, lowest, ValueBound.EXACT, highest, date, reference);
    }

    /** Exact counts of one time that disagree: the records conflict. */
    public boolean conflicting() { return highest != null; }

    public String inputName() { return inputName(timepoint); }
    public String displayValue() { return shownValue() + " %"; }

    /** The input name of marrow blasts at a timepoint: "marrowBlastsRelapseEndBlock1". */
    static String inputName(MrdTimepoint timepoint) {
        return "marrowBlasts" + Character.toUpperCase(timepoint.inputName().charAt(0))
                + timepoint.inputName().substring(1).replace("Mrd", "");
    }

    public BigDecimal reportedValue() { return percent; }

    /** The least value the result allows: 0 for an upper bound. */
    public BigDecimal lowestPossible() {
        return bound == ValueBound.LESS_THAN || bound == ValueBound.AT_MOST ? BigDecimal.ZERO : percent;
    }
}
