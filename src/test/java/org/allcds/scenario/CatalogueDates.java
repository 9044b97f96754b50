package org.allcds.scenario;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The date thresholds and label age limits of clinical-rules.md, written straight from the catalogue with java.time, as
 * the oracle of {@link DateThresholdOracleTest}. It calls no production code and reads no configuration: the cut-offs
 * are the catalogue's numbers, so a changed setting or a changed date method in the service shows as a disagreement.
 */
final class CatalogueDates {

    /** R-DX-01: infant below 1 year. */
    static final int INFANT_YEARS = 1;
    /** R-DX-03: NCI high risk from 10 years (inclusive, C-07). */
    static final int NCI_HIGH_RISK_YEARS = 10;
    /** R-DX-10 rows (f) and (i): NCI high risk under 13 years is HIGH, from 13 years VERY_HIGH. */
    static final int COG_VERY_HIGH_RISK_YEARS = 13;
    /** R-REL-02: a marrow-involving relapse is late from 36 months after diagnosis (inclusive). */
    static final int COG_MARROW_LATE_MONTHS = 36;
    /** R-REL-03: an isolated extramedullary relapse is late from 18 months after diagnosis. */
    static final int COG_IEM_LATE_MONTHS = 18;
    /** R-REL-04: BFM very early below 18 months after diagnosis. */
    static final int BFM_VERY_EARLY_MONTHS = 18;
    /** R-REL-04: BFM late from 6 months after the end of front-line therapy. */
    static final int BFM_LATE_MONTHS_AFTER_END = 6;
    /** R-TX-CART-01: up to 25 completed years at evaluation, i.e. before the 26th birthday (C-01). */
    static final int CART_MAX_AGE_YEARS = 25;
    /** R-TX-CART-01, EMA-style profile (S15): from 2 years, inclusive. */
    static final int CART_EMA_MIN_AGE_YEARS = 2;
    /** R-DX-15 and R-TX-BLIN-01: age one month or more (C-02). */
    static final int BLINATUMOMAB_MIN_AGE_MONTHS = 1;

    /** The input R-REL-05 asks for. */
    static final String END_OF_THERAPY = "end-of-frontline-therapy";

    private CatalogueDates() {
    }

    /** C-01: age at {@code date} is at least {@code years} completed years iff date >= birthDate.plusYears(years). */
    static boolean ageAtLeast(LocalDate birth, LocalDate date, int years) {
        return !date.isBefore(birth.plusYears(years));
    }

    /** C-02: {@code date} is at least {@code months} months after {@code from} iff date >= from.plusMonths(months). */
    static boolean monthsAtLeast(LocalDate from, LocalDate date, int months) {
        return !date.isBefore(from.plusMonths(months));
    }

    /** R-DX-01 to R-DX-03 for a B-ALL with WBC below 50 x10^9/L: the age decides. */
    static String nciRisk(LocalDate birth, LocalDate diagnosis) {
        if (!ageAtLeast(birth, diagnosis, INFANT_YEARS)) {
            return "INFANT";
        }
        return ageAtLeast(birth, diagnosis, NCI_HIGH_RISK_YEARS) ? "HIGH" : "STANDARD";
    }

    /**
     * The COG group of a B-ALL with WBC below 50, ETV6::RUNX1 (favourable, no KMT2A rearrangement), CNS1 and MRD
     * negative at day 8 and the end of induction: R-DX-01 infant HIGH; R-DX-10 (a) NCI standard risk LOW, (f) NCI high
     * risk under 13 years HIGH, (i) from 13 years VERY_HIGH.
     */
    static String cogRiskGroup(LocalDate birth, LocalDate diagnosis) {
        return switch (nciRisk(birth, diagnosis)) {
            case "INFANT" -> "HIGH";
            case "STANDARD" -> "LOW";
            default -> ageAtLeast(birth, diagnosis, COG_VERY_HIGH_RISK_YEARS) ? "VERY_HIGH" : "HIGH";
        };
    }

    /** The label profiles of R-TX-CART-01 (§1.5 D10); the rule set checks both. */
    enum CartProfile {
        FDA, EMA
    }

    /**
     * R-TX-CART-01 for B-lineage disease not CD19-negative, at {@code evaluation}: MET, NOT_MET because of the age (over
     * 25 completed years, or for the EMA-style profile under 2), or NOT_MET because the disease course does not qualify
     * ({@code courseQualifies} false: FDA needs refractory disease or a second or later relapse, EMA also takes a relapse
     * after HSCT). The age is checked first: it settles the label whatever the course.
     */
    static String cartEligibility(CartProfile profile, boolean courseQualifies, LocalDate birth, LocalDate evaluation) {
        boolean tooOld = ageAtLeast(birth, evaluation, CART_MAX_AGE_YEARS + 1);
        boolean tooYoung = profile == CartProfile.EMA && !ageAtLeast(birth, evaluation, CART_EMA_MIN_AGE_YEARS);
        if (tooOld || tooYoung) {
            return "NOT_MET by age";
        }
        return courseQualifies ? "MET" : "NOT_MET";
    }

    /** R-DX-15 and R-TX-BLIN-01: one month old or more at {@code evaluation} (C-02, the plusMonths anchor). */
    static boolean blinatumomabAgeMet(LocalDate birth, LocalDate evaluation) {
        return monthsAtLeast(birth, evaluation, BLINATUMOMAB_MIN_AGE_MONTHS);
    }

    /** R-REL-02 (marrow-involving) and R-REL-03 (isolated extramedullary): late from the cut-off on. */
    static String cogTiming(LocalDate diagnosis, LocalDate relapse, boolean marrow) {
        int lateMonths = marrow ? COG_MARROW_LATE_MONTHS : COG_IEM_LATE_MONTHS;
        return monthsAtLeast(diagnosis, relapse, lateMonths) ? "LATE" : "EARLY";
    }

    /** Front-line therapy as C-04 reads it: no record at all, in progress (on therapy), or completed at {@code end}. */
    record Therapy(boolean recorded, boolean inProgress, LocalDate end) {

        static final Therapy NOT_RECORDED = new Therapy(false, false, null);
        static final Therapy IN_PROGRESS = new Therapy(true, true, null);

        static Therapy completed(LocalDate end) {
            return new Therapy(true, false, end);
        }
    }

    /**
     * R-REL-04 and R-REL-05: every class whose condition the relapse meets (VERY_EARLY, EARLY, LATE, or INDETERMINATE
     * missing the end of therapy), written as the findings are ({@code INDETERMINATE missing [...]}). Empty when the
     * catalogue's conditions give more than one class: the catalogue does not say which wins, so it is not guessed.
     */
    static Optional<String> bfmTiming(LocalDate diagnosis, LocalDate relapse, Therapy therapy) {
        boolean veryEarly = !monthsAtLeast(diagnosis, relapse, BFM_VERY_EARLY_MONTHS);
        if (!therapy.recorded()) {
            return Optional.of(veryEarly ? "VERY_EARLY" : "INDETERMINATE missing [" + END_OF_THERAPY + "]");
        }
        // C-04: in progress is on therapy (E7: whatever end it plans); a relapse before a completed therapy's end is
        // less than 6 months after it, so early too
        boolean onTherapy = therapy.inProgress();
        boolean sixMonthsAfterEnd = !onTherapy && monthsAtLeast(therapy.end(), relapse, BFM_LATE_MONTHS_AFTER_END);
        List<String> classes = new ArrayList<>();
        if (veryEarly) {
            classes.add("VERY_EARLY");
        }
        if (!veryEarly && (onTherapy || !sixMonthsAfterEnd)) {
            classes.add("EARLY");
        }
        if (sixMonthsAfterEnd) {
            classes.add("LATE");
        }
        return classes.size() == 1 ? Optional.of(classes.get(0)) : Optional.empty();
    }

    /**
     * E9: the calendar date of a FHIR date or dateTime: as written (its own offset) when {@code siteZone} is null, else
     * the day its instant falls on in the site's zone.
     */
    static LocalDate calendarDate(String fhir, ZoneId siteZone) {
        if (fhir.length() == 10) {
            return LocalDate.parse(fhir);
        }
        OffsetDateTime written = OffsetDateTime.parse(fhir);
        return siteZone == null ? written.toLocalDate() : written.atZoneSameInstant(siteZone).toLocalDate();
    }
}
