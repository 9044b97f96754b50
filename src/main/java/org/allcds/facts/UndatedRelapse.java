package org.allcds.facts;

import java.time.LocalDate;

/**
 * Input I10: a relapse recorded without a full date (none, or a year or month only). While one exists no relapse is
 * classified: which relapse is the latest, and its number, are unknown (it may be a second relapse after a dated one).
 */
public record UndatedRelapse(String reference) implements ClinicalInput {
    public String inputName() { return "relapseDate"; }
    public String displayValue() { return "not a full date"; }
    public LocalDate date() { return null; }
}
