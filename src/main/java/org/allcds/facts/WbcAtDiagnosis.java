package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Input I4: white cell count at diagnosis, normalised to 10^9/L (= 10^3/uL), as the lab reported it: exactly, or only
 * as a bound ({@code bound}: "&gt; 100" above the analyser's range, "&lt; 0.5").
 */
public record WbcAtDiagnosis(BigDecimal per10e9L, ValueBound bound, LocalDate date, String reference)
        implements ClinicalInput, ReportedValue {

    /** An exact count. */
    public WbcAtDiagnosis(BigDecimal per10e9L, LocalDate date, String reference) {
        this(per10e9L, ValueBound.EXACT, date, reference);
    }

    public String inputName() { return "wbcAtDiagnosis"; }

    public String displayValue() { return bound.show(per10e9L) + " x10^9/L"; }

    public BigDecimal reportedValue() { return per10e9L; }
}
