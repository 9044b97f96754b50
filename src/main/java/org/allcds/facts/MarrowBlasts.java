package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Input I9: marrow blasts by morphology, percent: exact, or a lower bound ("&gt; 25"); the mapping drops upper bounds. */
public record MarrowBlasts(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, LocalDate date, String reference)
        implements ClinicalInput {
    public String inputName() { return "marrowBlasts" + Character.toUpperCase(timepoint.inputName().charAt(0)) + timepoint.inputName().substring(1).replace("Mrd", ""); }
    public String displayValue() { return bound.show(percent) + " %"; }
    /** Known to be at least the threshold: an exact value or a lower bound at or above it. */
    public boolean atLeast(BigDecimal thresholdPercent) {
        return bound.against(percent, thresholdPercent) == Comparison.AT_OR_ABOVE;
    }

    /** A lower bound below the threshold ("&gt; 4" against 5 %): it may be either side. */
    public boolean undecidable(BigDecimal thresholdPercent) {
        return bound.against(percent, thresholdPercent) == Comparison.INDETERMINATE;
    }
}
