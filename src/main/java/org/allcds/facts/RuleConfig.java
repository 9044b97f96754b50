package org.allcds.facts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rule set's configuration (clinical-rules §1.5), read from {@code rules/config.yaml} and inserted as a fact so
 * that rules never hard-code a cut-off. Every threshold here is inclusive in the direction the catalogue states.
 */
public record RuleConfig(
        FrontlineProfile frontlineProfile,
        List<RelapseScheme> relapseSchemes,
        RelapseScheme relapsePrimary,
        List<LabelProfile> cartLabelProfiles,
        int infantAgeYears,
        int nciHighRiskAgeYears,
        BigDecimal nciHighRiskWbc,
        int cogVeryHighRiskAgeYears,
        BigDecimal eoiMrdThresholdPct,
        BigDecimal tallEoiVeryHighMrdPct,
        BigDecimal day8MrdThresholdPct,
        BigDecimal day8MrdHighPct,
        BigDecimal inductionFailureBlastsPct,
        Set<GeneticSubtype> favorableGenetics,
        Set<GeneticSubtype> veryHighRiskGenetics,
        boolean cns2BlocksLow,
        int cogMarrowLateMonths,
        boolean cogMarrowLateInclusive,
        int cogIemLateMonths,
        int bfmVeryEarlyMonthsFromDiagnosis,
        int bfmLateMonthsAfterEndOfTherapy,
        BigDecimal cogBlock1MrdThresholdPct,
        BigDecimal bfmS2HsctMrdThresholdPct,
        BigDecimal refractoryBlastsPct,
        BigDecimal blinatumomabMrdThresholdPct,
        int blinatumomabMinAgeMonths,
        int cartMaxAgeCompletedYears,
        int cartEmaMinAgeYears) {

    public RuleConfig {
        Objects.requireNonNull(frontlineProfile, "frontlineProfile");
        Objects.requireNonNull(relapsePrimary, "relapsePrimary");
        relapseSchemes = List.copyOf(relapseSchemes);
        cartLabelProfiles = List.copyOf(cartLabelProfiles);
        favorableGenetics = Set.copyOf(favorableGenetics);
        veryHighRiskGenetics = Set.copyOf(veryHighRiskGenetics);
    }

    /** True when the relapse scheme is switched on ({@code relapseSchemes}). */
    public boolean isOn(RelapseScheme scheme) {
        return relapseSchemes.contains(scheme);
    }

    /** True when the drug-label profile is switched on ({@code cartLabelProfiles}). */
    public boolean isOn(LabelProfile profile) {
        return cartLabelProfiles.contains(profile);
    }

    public boolean isPrimary(RelapseScheme scheme) {
        return scheme == relapsePrimary;
    }

    /**
     * R-REL-02 with the configured boundary: late from the cut-off anniversary on (inclusive, the COG reading), or only
     * after it (exclusive, the "more than 36 months" reading).
     */
    public boolean isCogMarrowLate(RelapseTiming timing) {
        int months = timing.monthsFromDiagnosis();
        if (cogMarrowLateInclusive) {
            return months >= cogMarrowLateMonths;
        }
        return months > cogMarrowLateMonths || (months == cogMarrowLateMonths && !timing.onDiagnosisMonthAnniversary());
    }

    /** R-REL-03: an isolated extramedullary relapse is late from the cut-off anniversary on. */
    public boolean isCogIemLate(RelapseTiming timing) {
        return timing.monthsFromDiagnosis() >= cogIemLateMonths;
    }

    /**
     * True when R-REL-02 (marrow) and R-REL-03 (isolated extramedullary) give this relapse different COG timings, so
     * that the timing depends on the site; false when it is the same at every site.
     */
    public boolean cogTimingDependsOnSite(RelapseTiming timing) {
        return isCogMarrowLate(timing) != isCogIemLate(timing);
    }

    public boolean isFavorable(GeneticSubtype subtype) { return favorableGenetics.contains(subtype); }

    public boolean isVeryHighRisk(GeneticSubtype subtype) { return veryHighRiskGenetics.contains(subtype); }
}
