package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Input I9: marrow blasts by morphology, percent: exact, or a bound ("&gt; 25", "&lt; 5"). {@code conflicting}: exact
 * counts of one time that disagree (10 % and 30 %), read together as at least the smallest; the records conflict, as WBC
 * counts of one day do. A bound beside a count (&gt; 20 % and 30 %) is not that: the exact count is still to report.
 */
public record MarrowBlasts(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, LocalDate date, String reference,
                           boolean conflicting) implements ClinicalInput, ReportedValue {

    public MarrowBlasts(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, LocalDate date, String reference) {
        this(timepoint, percent, bound, date, reference, false);
    }

    public String inputName() { return inputName(timepoint); }
    public String displayValue() { return bound.show(percent) + " %"; }

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
