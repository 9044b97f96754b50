package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Input I9: marrow blasts by morphology, percent: exact, or a bound ("&gt; 25", "&lt; 5"). */
public record MarrowBlasts(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, LocalDate date, String reference)
        implements ClinicalInput {
    public String inputName() { return "marrowBlasts" + Character.toUpperCase(timepoint.inputName().charAt(0)) + timepoint.inputName().substring(1).replace("Mrd", ""); }
    public String displayValue() { return bound.show(percent) + " %"; }
    /** Known to be at least the threshold: an exact value or a lower bound at or above it. */
    public boolean atLeast(BigDecimal thresholdPercent) {
        return bound.against(percent, thresholdPercent) == Comparison.AT_OR_ABOVE;
    }

    /** The least value the result allows: 0 for an upper bound. */
    public BigDecimal lowestPossible() {
        return bound == ValueBound.LESS_THAN || bound == ValueBound.AT_MOST ? BigDecimal.ZERO : percent;
    }

    /** A bound across the threshold ("&gt; 4" or "&lt; 10" against 5 %): it may be either side. */
    public boolean undecidable(BigDecimal thresholdPercent) {
        return bound.against(percent, thresholdPercent) == Comparison.INDETERMINATE;
    }
}
