package org.allcds.facts;

import java.time.LocalDate;

/**
 * Something in the record that the mapping could not use, e.g. {@code unit-not-convertible} or
 * {@code relapse-before-diagnosis}. {@code detail} names the element and never carries patient identifiers.
 */
public record DataQualityIssue(String code, String detail, String reference) implements ClinicalInput {
    public String inputName() { return "dataQuality"; }
    public String displayValue() { return code + ": " + detail; }
    /** The card says the kind of issue in words on its data-quality line; this line says what was not used. */
    public String cardValue() { return detail; }
    public LocalDate date() { return null; }
}
