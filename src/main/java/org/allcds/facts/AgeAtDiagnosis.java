package org.allcds.facts;

import java.time.LocalDate;

/** Completed years (and months) at diagnosis, by anniversary (clinical-rules C-01). Derived in Java. */
public record AgeAtDiagnosis(int years, int months) implements ClinicalInput {
    public String inputName() { return "ageAtDiagnosis"; }
    public String displayValue() { return years + " y (" + months + " completed months)"; }

    /** A card shows the months only under two years, where they decide (infant, one month, the EMA label's two years). */
    @Override
    public String cardValue() { return years >= 2 ? years + " y" : displayValue(); }
    public LocalDate date() { return null; }
    public String reference() { return null; }
    public java.util.List<String> derivedFrom() { return java.util.List.of("birthDate", "diagnosisDate"); }
}
