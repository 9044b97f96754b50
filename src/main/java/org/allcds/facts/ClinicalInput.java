package org.allcds.facts;

import java.time.LocalDate;

/** A fact taken from (or derived from) the patient's record; listed as an input on every card that used it. */
public interface ClinicalInput {

    /**
     * The order inputs are listed in on cards and in explanations: by name, then date (undated last), then reference
     * (as text, "null" when none). Dates compare as dates, not as their text, which cost a string per comparison: FHIR
     * dates have four-digit years, whose text sorts as the dates do, and "null" sorted after every digit.
     */
    java.util.Comparator<ClinicalInput> ORDER = java.util.Comparator.comparing(ClinicalInput::inputName)
            .thenComparing(ClinicalInput::date, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(i -> String.valueOf(i.reference()));
    /** Input name as shown in the card extension, e.g. {@code wbcAtDiagnosis}. */
    String inputName();

    /** Human-readable value with its unit, e.g. {@code 50.0 x10^9/L}; the extension's value, codes as codes. */
    String displayValue();

    /** The value as a card's "Because:" line says it: as {@link #displayValue()}, with codes in clinical words. */
    default String cardValue() {
        return displayValue();
    }

    /** Clinical date of the value, or null when it has none. */
    LocalDate date();

    /** Relative FHIR reference of the source resource (e.g. {@code Observation/wbc-1}), or null when derived. */
    String reference();

    /** For a value derived in Java (an age, an interval): the input names it was computed from, shown with it. */
    default java.util.List<String> derivedFrom() {
        return java.util.List.of();
    }
}
