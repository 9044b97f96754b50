package org.allcds.facts;

import java.time.LocalDate;

/** Input I7: one genetic result; {@code present=false} records a negative test (e.g. FISH "Absent"). */
public record GeneticFinding(GeneticSubtype subtype, boolean present, LocalDate date, String reference) implements ClinicalInput {
    /** What a card calls a genetics record (subtype or FISH), e.g. on a "Not used" line. */
    public static final String RECORD_NAME = "Genetics";

    public String inputName() { return "geneticSubtype"; }
    public String displayValue() { return subtype.code() + (present ? "" : " absent"); }
    public String cardValue() { return subtype.display() + (present ? "" : " absent"); }
    /** The record as a card's data-quality line names it: "Genetics (2024-05-08)". */
    public String recordName() { return RECORD_NAME + (date == null ? "" : " (" + date + ")"); }
}
