package org.allcds.facts;

import java.time.LocalDate;

/**
 * Something in the record that the mapping could not use, e.g. {@code unit-not-convertible} or
 * {@code relapse-before-diagnosis}. {@code detail} names the element and never carries patient identifiers.
 */
public record DataQualityIssue(String code, String detail, String reference) implements ClinicalInput {
    public String inputName() { return "dataQuality"; }
    public String displayValue() { return code + ": " + detail; }
    public LocalDate date() { return null; }
}
