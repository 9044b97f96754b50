package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Input I8: minimal residual disease in percent of nucleated cells, as the lab reported it: exactly, or only as a
 * bound ({@code bound}: "&lt; 0.01", "&gt; 0.5").
 */
public record Mrd(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, LocalDate date, String reference)
        implements ClinicalInput {

    public String inputName() { return timepoint.inputName(); }

    public String displayValue() { return bound.show(percent) + " %"; }

    /** C-06: a bound decides T only when every value it allows is on one side of T. Thresholds are inclusive (C-07). */
    public Comparison against(BigDecimal thresholdPercent) {
        return bound.against(percent, thresholdPercent);
    }

    public boolean below(BigDecimal thresholdPercent) { return against(thresholdPercent) == Comparison.BELOW; }

    public boolean atLeast(BigDecimal thresholdPercent) { return against(thresholdPercent) == Comparison.AT_OR_ABOVE; }

    public boolean undecidable(BigDecimal thresholdPercent) { return against(thresholdPercent) == Comparison.INDETERMINATE; }
}
