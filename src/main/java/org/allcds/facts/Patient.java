package org.allcds.facts;

import java.time.LocalDate;

/** Input I1: birth date (full date) and administrative sex ({@code male}, {@code female}, {@code other}, {@code unknown}). */
public record Patient(LocalDate birthDate, String sex, String reference) implements ClinicalInput {
    public String inputName() { return "birthDate"; }
    public String displayValue() { return birthDate + (sex == null ? "" : " (" + sex + ")"); }
    public LocalDate date() { return birthDate; }
}
