package org.allcds.facts;

import java.time.LocalDate;

/** Input I7: one genetic result; {@code present=false} records a negative test (e.g. FISH "Absent"). */
public record GeneticFinding(GeneticSubtype subtype, boolean present, LocalDate date, String reference) implements ClinicalInput {
    /** What a card calls a genetics record (subtype or FISH), e.g. on a "Not used" line. */
    public static final String RECORD_NAME = "Genetics";

    public String inputName() { return "geneticSubtype"; }
    public String displayValue() { return subtype.code() + (present ? "" : " absent"); }
    public String cardValue() { return subtype.display() + (present ? "" : " absent"); }
    /**
     * True when this result says the leukaemia had no BCR::ABL1 where a result of {@code day} may say it had (a
     * BCR::ABL1 result contradicted, or a subtype not read): a BCR::ABL1 test that found none, of that result's sample
     * (its day) or of a later sample taken at diagnosis or at the relapse ({@link DiagnosticSample}); or a
     * classification "none detected" of such a later sample. A "none detected" of the same day is that result's rival,
     * not its answer; a marrow in remission cannot show the fusion; a result of a day not known settles nothing.
     */
    public boolean rulesOutBcrAbl1(LocalDate day, LocalDate relapse, java.util.Collection<LocalDate> diagnosed) {
        boolean bcrAbl1Absent = !present && subtype == GeneticSubtype.BCR_ABL1;
        boolean noneDetected = present && subtype == GeneticSubtype.NONE_DETECTED;
        if (date == null || day == null || date.isBefore(day) || !(bcrAbl1Absent || noneDetected)) {
            return false;
        }
        if (date.equals(day)) {
            return bcrAbl1Absent;
        }
        return DiagnosticSample.around(date, relapse) || diagnosed.stream().anyMatch(dx -> DiagnosticSample.around(date, dx));
    }

    /** The record as a card's data-quality line names it: "Genetics (2024-05-08)". */
    public String recordName() { return RECORD_NAME + (date == null ? "" : " (" + date + ")"); }
}
