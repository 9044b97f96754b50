package org.allcds.facts;

import java.time.LocalDate;

/** Input I13: Down syndrome recorded. */
public record DownSyndrome(String reference) implements ClinicalInput {
    public String inputName() { return "downSyndrome"; }
    public String displayValue() { return "present"; }
    public LocalDate date() { return null; }
}
