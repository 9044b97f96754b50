package org.allcds.facts;

import java.time.LocalDate;

/** Input I2: the ALL diagnosis and its date (assertedDate, else onset, else recorded; the earliest wins). */
public record Diagnosis(LocalDate date, String basis, String reference) implements ClinicalInput {
    public String inputName() { return "diagnosisDate"; }
    public String displayValue() { return date + (basis == null ? "" : " (" + basis + ")"); }
}
