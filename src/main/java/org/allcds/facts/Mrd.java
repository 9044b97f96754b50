package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Input I8: minimal residual disease in percent of nucleated cells, as the lab reported it: exactly, or only as a
 * bound ({@code bound}: "&lt; 0.01", "&gt; 0.5").
 */
public record Mrd(MrdTimepoint timepoint, BigDecimal percent, ValueBound bound, LocalDate date, String reference)
        implements ClinicalInput, ReportedValue {

    public String inputName() { return timepoint.inputName(); }

    public String displayValue() { return bound.show(percent) + " %"; }

    public BigDecimal reportedValue() { return percent; }
}
