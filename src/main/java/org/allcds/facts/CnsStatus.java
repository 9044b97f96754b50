package org.allcds.facts;

import java.time.LocalDate;

/** Input I5: CNS status at diagnosis. */
public record CnsStatus(CnsClass value, LocalDate date, String reference) implements ClinicalInput {
    public String inputName() { return "cnsStatus"; }
    public String displayValue() { return value.name(); }
}
