package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Input I8: minimal residual disease in percent of nucleated cells. {@code censored} means the lab reported
 * "&lt; percent" (below the limit of detection).
 */
public record Mrd(MrdTimepoint timepoint, BigDecimal percent, boolean censored, LocalDate date, String reference)
        implements ClinicalInput {

    public String inputName() { return timepoint.inputName(); }

    public String displayValue() { return (censored ? "< " : "") + percent.toPlainString() + " %"; }

    /** C-06: "&lt; x" is below T only if x &lt;= T; otherwise it cannot be decided. Thresholds are inclusive (C-07). */
    public Comparison against(BigDecimal thresholdPercent) {
        if (censored) {
            return percent.compareTo(thresholdPercent) <= 0 ? Comparison.BELOW : Comparison.INDETERMINATE;
        }
        return percent.compareTo(thresholdPercent) < 0 ? Comparison.BELOW : Comparison.AT_OR_ABOVE;
    }

    public boolean below(BigDecimal thresholdPercent) { return against(thresholdPercent) == Comparison.BELOW; }

    public boolean atLeast(BigDecimal thresholdPercent) { return against(thresholdPercent) == Comparison.AT_OR_ABOVE; }

    public boolean undecidable(BigDecimal thresholdPercent) { return against(thresholdPercent) == Comparison.INDETERMINATE; }
}
