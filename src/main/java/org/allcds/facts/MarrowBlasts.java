package org.allcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Input I9: marrow blasts by morphology, percent. */
public record MarrowBlasts(MrdTimepoint timepoint, BigDecimal percent, LocalDate date, String reference) implements ClinicalInput {
    public String inputName() { return "marrowBlasts" + Character.toUpperCase(timepoint.inputName().charAt(0)) + timepoint.inputName().substring(1).replace("Mrd", ""); }
    public String displayValue() { return percent.toPlainString() + " %"; }
    public boolean atLeast(BigDecimal thresholdPercent) { return percent.compareTo(thresholdPercent) >= 0; }
}
