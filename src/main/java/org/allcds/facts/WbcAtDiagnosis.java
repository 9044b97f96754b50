package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Input I4: white cell count at diagnosis, normalised to 10^9/L (= 10^3/uL), as the lab reported it: exactly, or only
 * as a bound ({@code bound}: "&gt; 100" above the analyser's range, "&lt; 0.5").
 */
public record WbcAtDiagnosis(BigDecimal per10e9L, ValueBound bound, LocalDate date, String reference)
        implements ClinicalInput {

    /** An exact count. */
    public WbcAtDiagnosis(BigDecimal per10e9L, LocalDate date, String reference) {
        this(per10e9L, ValueBound.EXACT, date, reference);
    }

    public String inputName() { return "wbcAtDiagnosis"; }

    public String displayValue() { return bound.show(per10e9L) + " x10^9/L"; }

    /** C-06: a bound decides T only when every count it allows is on one side of T. Thresholds are inclusive (C-07). */
    public Comparison against(BigDecimal threshold) { return bound.against(per10e9L, threshold); }

    public boolean below(BigDecimal threshold) { return against(threshold) == Comparison.BELOW; }

    public boolean atLeast(BigDecimal threshold) { return against(threshold) == Comparison.AT_OR_ABOVE; }

    public boolean undecidable(BigDecimal threshold) { return against(threshold) == Comparison.INDETERMINATE; }
}
