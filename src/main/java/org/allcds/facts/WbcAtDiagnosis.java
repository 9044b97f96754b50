package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Input I4: white cell count at diagnosis, normalised to 10^9/L (= 10^3/uL). */
public record WbcAtDiagnosis(BigDecimal per10e9L, LocalDate date, String reference) implements ClinicalInput {
    public String inputName() { return "wbcAtDiagnosis"; }
    public String displayValue() { return per10e9L.toPlainString() + " x10^9/L"; }
    public boolean atLeast(BigDecimal threshold) { return per10e9L.compareTo(threshold) >= 0; }
}
