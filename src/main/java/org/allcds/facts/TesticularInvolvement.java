package org.allcds.facts;

import java.time.LocalDate;

/** Input I6: testicular involvement at diagnosis. */
public record TesticularInvolvement(boolean present, LocalDate date, String reference) implements ClinicalInput {
    /** What a card calls a testicular result ("Testicular involvement (2024-05-06)"). */
    public static final String RECORD_NAME = "Testicular involvement";

    public String inputName() { return "testicularInvolvement"; }
    public String displayValue() { return present ? "present" : "absent"; }
}
