package org.allcds.facts;

import java.time.LocalDate;

/** Input I6: testicular involvement at diagnosis. */
public record TesticularInvolvement(boolean present, LocalDate date, String reference) implements ClinicalInput {
    public String inputName() { return "testicularInvolvement"; }
    public String displayValue() { return present ? "present" : "absent"; }
}
