package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Input I9: marrow blasts by morphology, percent: exact, or a bound ("&gt; 25", "&lt; 5"). */
public record MarrowBlasts(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, LocalDate date, String reference)
        implements ClinicalInput, ReportedValue {
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
