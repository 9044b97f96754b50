package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * End-of-block-1 marrow blasts at a first relapse whose date cannot place them after it: none, or a year or month that
 * reaches past the relapse date. Not this relapse's response (the card names the record as not used), but a count that
 * may be 5 % or more would, dated after the relapse, make it refractory (R-RR-C6): what rests on refractory disease
 * waits for the date (C-08).
 */
public record UndatedBlock1Blasts(BigDecimal percent, ValueBound bound, String reference)
        implements ClinicalInput, ReportedValue {
    public String inputName() { return MarrowBlasts.inputName(MrdTimepoint.RELAPSE_END_BLOCK1); }
    public String displayValue() { return bound.show(percent) + " %"; }
    public BigDecimal reportedValue() { return percent; }
    public LocalDate date() { return null; }
}
