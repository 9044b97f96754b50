package org.allcds.facts;

import java.time.LocalDate;

/** Input I5: CNS status at diagnosis. */
public record CnsStatus(CnsClass value, LocalDate date, String reference) implements ClinicalInput {
    /** What a card calls the record, e.g. on a "Not used" line. */
    public static final String RECORD_NAME = "CNS status";

    public String inputName() { return "cnsStatus"; }
    public String displayValue() { return value.name(); }
}
