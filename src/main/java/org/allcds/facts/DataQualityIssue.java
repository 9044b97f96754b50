package org.allcds.facts;

import java.time.LocalDate;

/**
 * Something in the record that the mapping could not use, e.g. {@code unit-not-convertible} or
 * {@code relapse-before-diagnosis}. {@code detail} names the element (the extension keeps it) and never carries patient
 * identifiers; {@code recordName} is the record in clinical words with its date when known ("WBC (2024-05-06)"), null
 * when the record is not known to the one that found the issue (the card then names its resource type).
 */
public record DataQualityIssue(String code, String detail, String reference, String recordName) implements ClinicalInput {

    /** The start of the detail of a relapse site that a CNS3 of the relapse's time contradicts (conflicting-results). */
    static final String SITE_CONTRADICTED_BY = "Observation.component:relapse-site contradicted by ";

    /** An issue whose record is named later, or by its resource type. */
    public DataQualityIssue(String code, String detail, String reference) {
        this(code, detail, reference, null);
    }

    public String inputName() { return "dataQuality"; }
    public String displayValue() { return code + ": " + detail; }

    /** What was not used and what was wrong with it, in words: "WBC (2024-05-06), value not valid FHIR". */
    public String cardValue() { return DataQualityWords.line(this); }

    public LocalDate date() { return null; }

    /** True when the issue is about a record of that name ("Genetics" for "Genetics (2024-05-08)"). */
    public boolean isAbout(String record) {
        return recordName != null && (recordName.equals(record) || recordName.startsWith(record + " ("));
    }

    /**
     * The detail of a relapse record whose site leaves out the CNS beside a CNS3 of the relapse's time ({@code result}:
     * "CNS3 (2019-08-22)"): the site element, which the rules read as conflicting, then what contradicts it.
     */
    public static String siteContradictedBy(String result) {
        return SITE_CONTRADICTED_BY + result;
    }

    /** True for a relapse site that a CNS3 of the relapse's time contradicts ({@link #siteContradictedBy}). */
    public boolean isSiteContradictedByCns() {
        return detail != null && detail.startsWith(SITE_CONTRADICTED_BY);
    }

    /** The same issue, its record named. */
    public DataQualityIssue named(String name) {
        return new DataQualityIssue(code, detail, reference, name);
    }
}
