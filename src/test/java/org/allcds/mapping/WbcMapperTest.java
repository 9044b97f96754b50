package org.allcds.mapping;

import static org.allcds.mapping.Fhir.comparator;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.observation;
import static org.allcds.mapping.Fhir.quantity;
import static org.allcds.mapping.Fhir.wbc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.Comparison;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.ValueBound;
import org.allcds.facts.WbcAtDiagnosis;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WbcMapperTest {

    private static final Optional<Diagnosis> DIAGNOSIS = Optional.of(
            new Diagnosis(LocalDate.parse("2020-03-10"), "assertedDate", "Condition/dx"));

    private static Optional<WbcAtDiagnosis> wbcAtDiagnosis(Observation... observations) {
        return WbcMapper.map(List.of(observations), DIAGNOSIS, ctx());
    }

    @Test
    void countOnDiagnosisDate_isWbcAtDiagnosis() {
        assertThat(wbcAtDiagnosis(wbc("w", "2020-03-10", "12.5", "10*3/uL")))
                .contains(new WbcAtDiagnosis(new BigDecimal("12.5"), LocalDate.parse("2020-03-10"), "Observation/w"));
    }

    @Test
    void sevenDaysBefore_isInside() {
        assertThat(wbcAtDiagnosis(wbc("w", "2020-03-03", "12", "10*3/uL"))).isPresent();
    }

    @Test
    void eightDaysBefore_isOutside() {
        assertThat(wbcAtDiagnosis(wbc("w", "2020-03-02", "12", "10*3/uL"))).isEmpty();
    }

    @Test
    void threeDaysAfter_isInside() {
        assertThat(wbcAtDiagnosis(wbc("w", "2020-03-13", "12", "10*3/uL"))).isPresent();
    }

    @Test
    void fourDaysAfter_isOutside() {
        assertThat(wbcAtDiagnosis(wbc("w", "2020-03-14", "12", "10*3/uL"))).isEmpty();
    }

    @Test
    void severalInWindow_earliestWins() {
        assertThat(wbcAtDiagnosis(wbc("late", "2020-03-12", "8", "10*3/uL"), wbc("early", "2020-03-05", "80", "10*3/uL")))
                .get().extracting(WbcAtDiagnosis::reference).isEqualTo("Observation/early");
    }

    @Test
    void sameDay_earlierTimeWins() {
        assertThat(wbcAtDiagnosis(wbc("evening", "2020-03-10T20:00:00+01:00", "8", "10*3/uL"),
                wbc("morning", "2020-03-10T08:00:00+01:00", "80", "10*3/uL")))
                .get().extracting(WbcAtDiagnosis::reference).isEqualTo("Observation/morning");
    }

    @Test
    void fiftyThousandPerMicrolitre_isFiftyTimesTenToTheNinthPerLitre() {
        // E4
        assertThat(wbcAtDiagnosis(wbc("w", "2020-03-10", "50000", "/uL")))
                .get().satisfies(w -> assertThat(w.atLeast(new BigDecimal("50"))).isTrue());
    }

    @Test
    void fiftyThousandsPerMicrolitre_isFiftyTimesTenToTheNinthPerLitre() {
        // E4
        assertThat(wbcAtDiagnosis(wbc("w", "2020-03-10", "50", "10*3/uL")))
                .get().extracting(WbcAtDiagnosis::per10e9L).isEqualTo(new BigDecimal("50"));
    }

    @Test
    void loinc26464_isAlsoWbc() {
        assertThat(wbcAtDiagnosis(quantity(observation("w", Codes.loinc("26464-8"), "2020-03-10"), "7", "10*9/L")))
                .isPresent();
    }

    @Test
    void unconvertibleUnit_givesNoWbcAndAnIssueNamingTheElement() {
        MappingContext ctx = ctx();

        assertThat(WbcMapper.map(List.of(wbc("w", "2020-03-10", "50", "g/L")), DIAGNOSIS, ctx)).isEmpty();
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("unit-not-convertible", "Observation.valueQuantity.code", "Observation/w"));
    }

    @Test
    void earliestUnconvertible_isNotReplacedByALaterCount() {
        assertThat(wbcAtDiagnosis(wbc("bad", "2020-03-09", "50", "g/L"), wbc("good", "2020-03-11", "5", "10*3/uL")))
                .isEmpty();
    }

    @Test
    void upperBound_keepsItsBound_normalised_withoutAnIssue() {
        MappingContext ctx = ctx();

        assertThat(WbcMapper.map(List.of(comparator(wbc("w", "2020-03-10", "2000", "/uL"), "<")), DIAGNOSIS, ctx))
                .get().satisfies(wbc -> {
                    assertThat(wbc.per10e9L()).isEqualByComparingTo("2");
                    assertThat(wbc.bound()).isEqualTo(ValueBound.LESS_THAN);
                    assertThat(wbc.displayValue()).isEqualTo("< 2 x10^9/L");
                });
        assertThat(ctx.issues()).isEmpty();
    }

    /** C-06 both ways: "> 45" may be 60 (cannot decide 50), "> 60" is at least 50, "<= 50" may be 50 itself. */
    @ParameterizedTest
    @CsvSource({"'>', 45, INDETERMINATE", "'>', 60, AT_OR_ABOVE", "'>=', 50, AT_OR_ABOVE", "'>', 50, AT_OR_ABOVE",
            "'<', 50, BELOW", "'<=', 50, INDETERMINATE", "'<=', 49.9, BELOW", "'<', 60, INDETERMINATE"})
    void aBound_decidesTheCutOff_onlyWhenEveryCountItAllowsIsOnOneSide(String comparator, String value,
                                                                     Comparison expected) {
        WbcAtDiagnosis wbc = WbcMapper.map(List.of(comparator(wbc("w", "2020-03-10", value, "10*3/uL"), comparator)),
                DIAGNOSIS, ctx()).orElseThrow();

        assertThat(wbc.against(new BigDecimal("50"))).isEqualTo(expected);
    }

    /** 8.2 and 8.4 of one time: which is right is unknown, so both ends are kept; each count is reported. */
    @Test
    void countsOfOneTimeThatDisagree_keepTheirRange_andAreReported() {
        MappingContext ctx = ctx();

        WbcAtDiagnosis wbc = WbcMapper.map(List.of(wbc("b", "2020-03-10", "8400", "/uL"),
                wbc("a", "2020-03-10", "8.2", "10*3/uL")), DIAGNOSIS, ctx).orElseThrow();

        assertThat(wbc.per10e9L()).isEqualByComparingTo("8.2");
        assertThat(wbc.highest()).isEqualByComparingTo("8.4");
        assertThat(wbc.reference()).isEqualTo("Observation/a");
        assertThat(wbc.displayValue()).isEqualTo("8.2 to 8.4 x10^9/L");
        assertThat(wbc.against(new BigDecimal("50"))).isEqualTo(Comparison.BELOW);
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference).containsExactly(
                tuple("conflicting-results", "Observation/a"), tuple("conflicting-results", "Observation/b"));
    }

    @ParameterizedTest
    @CsvSource({"45, 55, INDETERMINATE", "50, 80, AT_OR_ABOVE", "49.9, 12, BELOW", "49.9, 50, INDETERMINATE"})
    void countsThatDisagree_decideTheCutOff_onlyWhenAllAreOnOneSide(String one, String other, Comparison expected) {
        WbcAtDiagnosis wbc = WbcMapper.map(List.of(wbc("a", "2020-03-10", one, "10*3/uL"),
                wbc("b", "2020-03-10", other, "10*3/uL")), DIAGNOSIS, ctx()).orElseThrow();

        assertThat(wbc.against(new BigDecimal("50"))).isEqualTo(expected);
    }

    @Test
    void countsThatDisagree_withABoundAmongThem_giveNoWbc() {
        MappingContext ctx = ctx();

        assertThat(WbcMapper.map(List.of(wbc("a", "2020-03-10", "8", "10*3/uL"),
                comparator(wbc("b", "2020-03-10", "100", "10*3/uL"), ">")), DIAGNOSIS, ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsOnly("conflicting-results");
    }

    @Test
    void anExactCount_decidesAtTheCutOffInclusively() {
        WbcAtDiagnosis at = wbcAtDiagnosis(wbc("w", "2020-03-10", "50", "10*3/uL")).orElseThrow();

        assertThat(at.bound()).isEqualTo(ValueBound.EXACT);
        assertThat(at.atLeast(new BigDecimal("50"))).isTrue();
        assertThat(at.below(new BigDecimal("50.1"))).isTrue();
    }

    @Test
    void noDiagnosisDate_givesNoWbc() {
        assertThat(WbcMapper.map(List.of(wbc("w", "2020-03-10", "12", "10*3/uL")), Optional.empty(), ctx())).isEmpty();
    }

    @Test
    void unknownCode_isIgnored() {
        assertThat(wbcAtDiagnosis(quantity(observation("w", Codes.loinc("718-7"), "2020-03-10"), "12", "10*3/uL")))
                .isEmpty();
    }

    @Test
    void undatedCount_isNotAtDiagnosis() {
        assertThat(wbcAtDiagnosis(wbc("w", null, "12", "10*3/uL"))).isEmpty();
    }

    /** R-DX-04, C-08: a count without a date may be the earliest of the window; the fact spans both, and says so. */
    @Test
    void undatedCountBesideTheEarliestDated_mayBeTheCountAtDiagnosis_theFactSpansBoth() {
        MappingContext ctx = ctx();
        Optional<WbcAtDiagnosis> wbc = WbcMapper.map(List.of(wbc("dated", "2020-03-10", "8", "10*9/L"),
                wbc("undated", null, "80", "10*9/L")), DIAGNOSIS, ctx);

        assertThat(wbc).contains(WbcAtDiagnosis.disagreeing(new BigDecimal("8"), new BigDecimal("80"),
                LocalDate.parse("2020-03-10"), "Observation/dated", true));
        assertThat(wbc.get().against(new BigDecimal("50"))).isEqualTo(Comparison.INDETERMINATE);
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference)
                .containsExactly(tuple("missing-date", "Observation/undated"));
    }

    @Test
    void undatedCountOfTheSameValue_isNoRival() {
        assertThat(wbcAtDiagnosis(wbc("dated", "2020-03-10", "8", "10*9/L"), wbc("undated", null, "8000", "/uL")))
                .contains(new WbcAtDiagnosis(new BigDecimal("8"), LocalDate.parse("2020-03-10"), "Observation/dated"));
    }

    /** A count of a month may be the earliest only if that month meets the window on or before the earliest dated day. */
    @ParameterizedTest
    @CsvSource({"2020-03, true", "2020, true", "2020-02, false", "2020-04, false"})
    void countOfAMonthOrYear_isARivalOnlyWhereItMayBeEarlier(String month, boolean rival) {
        Optional<WbcAtDiagnosis> wbc = wbcAtDiagnosis(wbc("dated", "2020-03-05", "8", "10*9/L"),
                wbc("month", month, "80", "10*9/L"));

        assertThat(wbc).get().extracting(WbcAtDiagnosis::undatedRival).isEqualTo(rival);
    }

    /** A count of a month is named only where it may be the count at diagnosis, with or without a dated count. */
    @Test
    void countOfAMonth_isNamedOnlyWhereItMayBeTheCountAtDiagnosis() {
        MappingContext ctx = ctx();
        assertThat(WbcMapper.map(List.of(wbc("march", "2020-03", "8", "10*9/L"), wbc("may", "2020-05", "8", "10*9/L")),
                DIAGNOSIS, ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::reference)
                .containsExactly(tuple("imprecise-date", "Observation/march"));
    }

    @Test
    void undatedCountReportedAsABound_leavesNoWbcAtDiagnosis() {
        assertThat(wbcAtDiagnosis(wbc("dated", "2020-03-10", "8", "10*9/L"),
                comparator(wbc("undated", null, "100", "10*9/L"), ">"))).isEmpty();
    }
}
