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
     * True when this result says the leukaemia had no BCR::ABL1 where {@code unsettled} may say it had (a BCR::ABL1
     * result contradicted or not read, or a subtype not read): a BCR::ABL1 test that found none, of the sample of a
     * subtype not read (its day); or a BCR::ABL1 test that found none or a classification "none detected" of a later
     * sample of the relapse's marrow ({@link DiagnosticSample} around the relapse date, for a relapse in the marrow).
     * A result of the same day is the unsettled one's rival, not its answer, where both speak of BCR::ABL1 (a FISH
     * answer not read may be "detected") or both are classifications ("none detected"); a marrow in remission (once
     * reinduction began, or beside an isolated extramedullary relapse) cannot show the fusion; nor is a later day at
     * diagnosis taken for the diagnostic sample, since the diagnosis date may be the day the record was entered; a
     * result of a day not known settles nothing.
     */
    public boolean rulesOutBcrAbl1(UnrecognisedGeneticResult unsettled, LocalDate relapse, boolean relapseInTheMarrow) {
        LocalDate day = unsettled.date();
        boolean bcrAbl1Absent = !present && subtype == GeneticSubtype.BCR_ABL1;
        boolean noneDetected = present && subtype == GeneticSubtype.NONE_DETECTED;
        if (date == null || day == null || date.isBefore(day) || !(bcrAbl1Absent || noneDetected)) {
            return false;
        }
        if (date.equals(day)) {
            return bcrAbl1Absent && unsettled.tested() == null;
        }
        return relapseInTheMarrow && DiagnosticSample.around(date, relapse);
    }

    /**
     * The results of {@code genetics} that settle at least one of {@code unsettled} for {@code relapse}
     * ({@link #rulesOutBcrAbl1}): what a card names as having ruled Ph+ out. Settling under "the relapse may be in the
     * marrow" includes settling without it, so {@link #bcrAbl1Open} gives the same answer on these alone.
     */
    public static java.util.List<GeneticFinding> settling(java.util.Collection<UnrecognisedGeneticResult> unsettled,
                                                          java.util.Collection<GeneticFinding> genetics, Relapse relapse) {
        return genetics.stream().filter(g -> unsettled.stream()
                .anyMatch(u -> g.rulesOutBcrAbl1(u, relapse.date(), relapse.mayBeInTheMarrow()))).toList();
    }

    /**
     * Whether a first relapse may be Ph+ although no BCR::ABL1 was read: null when every result that may be BCR::ABL1
     * ({@code unsettled}) is settled by a result of {@code genetics} ({@link #rulesOutBcrAbl1}); else the inputs that
     * leave it open: none, or the relapse site when the site is not recorded and a relapse in the marrow would settle it.
     */
    public static java.util.List<String> bcrAbl1Open(java.util.Collection<UnrecognisedGeneticResult> unsettled,
                                                     java.util.Collection<GeneticFinding> genetics, Relapse relapse) {
        if (!settled(unsettled, genetics, relapse.date(), relapse.mayBeInTheMarrow())) {
            return java.util.List.of();
        }
        boolean siteDecides = relapse.marrowOpen() && !settled(unsettled, genetics, relapse.date(), false);
        return siteDecides ? java.util.List.of(Input.RELAPSE_SITE.code()) : null;
    }

    private static boolean settled(java.util.Collection<UnrecognisedGeneticResult> unsettled,
                                   java.util.Collection<GeneticFinding> genetics, LocalDate relapse, boolean inTheMarrow) {
        return unsettled.stream().allMatch(u -> genetics.stream()
                .anyMatch(g -> g.rulesOutBcrAbl1(u, relapse, inTheMarrow)));
    }

    /** The record as a card's data-quality line names it: "Genetics (2024-05-08)". */
    public String recordName() { return RECORD_NAME + (date == null ? "" : " (" + date + ")"); }
}
