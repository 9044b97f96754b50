package org.allcds.mapping;

import static org.allcds.mapping.Fhir.blasts;
import static org.allcds.mapping.Fhir.comparator;
import static org.allcds.mapping.Fhir.ctx;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.Comparison;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.MarrowBlasts;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.Relapse;
import org.allcds.facts.RelapseSite;
import org.allcds.facts.UndatedBlock1Blasts;
import org.allcds.facts.ValueBound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarrowBlastsMapperTest {

    @Test
    void percentAtTimepoint_givesMarrowBlasts() {
        assertThat(MarrowBlastsMapper.map(List.of(blasts("b", "end-of-induction", "2020-04-07", "30")), Optional.empty(), ctx()))
                .containsExactly(new MarrowBlasts(MrdTimepoint.END_OF_INDUCTION, new BigDecimal("30"),
                        ValueBound.EXACT, LocalDate.parse("2020-04-07"), "Observation/b"));
    }

    @Test
    void twentyFivePercent_isAtLeastTheInductionFailureCutOff() {
        assertThat(MarrowBlastsMapper.map(List.of(blasts("b", "end-of-induction", "2020-04-07", "25.0")), Optional.empty(), ctx()).get(0)
                .atLeast(new BigDecimal("25"))).isTrue();
    }

    /** Exact counts of one day that differ conflict; a bound beside a count it allows is read as a bound, not so. */
    @Test
    void countsOfOneDay_conflictOnlyWhereEachIsExact() {
        MarrowBlasts exact = MarrowBlastsMapper.map(List.of(blasts("a", "end-of-induction", "2020-04-07", "10"),
                blasts("b", "end-of-induction", "2020-04-07", "30")), Optional.empty(), ctx()).get(0);
        MarrowBlasts withBound = MarrowBlastsMapper.map(List.of(comparator(blasts("a", "end-of-induction", "2020-04-07",
                "20"), ">"), blasts("b", "end-of-induction", "2020-04-07", "30")), Optional.empty(), ctx()).get(0);

        assertThat(exact.conflicting()).isTrue();
        assertThat(exact.displayValue()).isEqualTo("10 to 30 %");
        assertThat(withBound.conflicting()).isFalse();
        assertThat(withBound.displayValue()).isEqualTo(">= 20 %");
    }

    /**
     * Exact counts of one day that differ decide a threshold where every one of them is on one side of it (inclusive,
     * C-07), and leave it open where they fall on both sides.
     */
    @ParameterizedTest
    @CsvSource({"3, 10, 25, BELOW", "3, 10, 5, INDETERMINATE", "24, 25, 25, INDETERMINATE", "25, 30, 25, AT_OR_ABOVE",
            "30, 40, 25, AT_OR_ABOVE", "10, 30, 25, INDETERMINATE", "2, 4.9, 5, BELOW"})
    void countsOfOneDayThatDiffer_decideAThresholdOnlyWhereAllAreOnOneSide(String one, String other, String threshold,
                                                                          Comparison expected) {
        MarrowBlasts read = MarrowBlastsMapper.map(List.of(blasts("a", "end-of-induction", "2020-04-07", one),
                blasts("b", "end-of-induction", "2020-04-07", other)), Optional.empty(), ctx()).get(0);

        assertThat(read.against(new BigDecimal(threshold))).isEqualTo(expected);
        assertThat(read.conflicting()).isTrue();
    }

    @Test
    void severalAtOneTimepoint_mostRecentWins() {
        assertThat(MarrowBlastsMapper.map(List.of(blasts("old", "relapse-end-block1", "2023-01-01", "7"),
                blasts("new", "relapse-end-block1", "2023-01-05", "3")), Optional.empty(), ctx()))
                .extracting(MarrowBlasts::reference).containsExactly("Observation/new");
    }

    /**
     * As for an MRD: an end-of-block-1 count without a date is not placed after the relapse. At a first relapse it is
     * named; at a second it may be the first relapse's block 1, which never counts, and is left aside without a word.
     */
    @Test
    void block1CountWithoutADate_isNotPlaced_andIsNamedAtAFirstRelapseOnly() {
        for (int number : new int[] {1, 2}) {
            MappingContext ctx = ctx();
            Optional<Relapse> relapse = Optional.of(new Relapse(LocalDate.parse("2023-02-01"),
                    RelapseSite.ISOLATED_MARROW, number, false, "Observation/r"));

            assertThat(MarrowBlastsMapper.map(List.of(blasts("undated", "relapse-end-block1", "2023-03-01", "7")
                    .setEffective(null)), relapse, ctx)).isEmpty();
            assertThat(ctx.issues()).as("relapse %d", number).extracting(DataQualityIssue::code, DataQualityIssue::detail,
                    DataQualityIssue::reference, DataQualityIssue::relapseOnly).containsExactlyElementsOf(number > 1
                    ? List.of() : List.of(org.assertj.core.groups.Tuple.tuple("missing-date", "Observation.effective[x]",
                    "Observation/undated", true)));
        }
    }

    /**
     * As for an MRD: an end-of-block-1 count of a month is not used, and its date is named for the relapse alone, except
     * at a later relapse whose day it ended before: an earlier relapse's block 1 may be it, and it is set aside unnamed.
     */
    @ParameterizedTest
    @CsvSource({"1, 2023-03, true", "2, 2023-02, true", "2, 2023-01, false"})
    void block1CountOfAMonth_isNamedForTheRelapseAlone_unlessItEndedBeforeALaterRelapse(int number, String month,
                                                                                     boolean named) {
        MappingContext ctx = ctx();
        Optional<Relapse> relapse = Optional.of(new Relapse(LocalDate.parse("2023-02-01"), RelapseSite.ISOLATED_MARROW,
                number, false, "Observation/r"));

        assertThat(MarrowBlastsMapper.map(List.of(blasts("block1", "relapse-end-block1", month, "7")), relapse, ctx))
                .isEmpty();
        assertThat(ctx.issues())
                .extracting(DataQualityIssue::code, DataQualityIssue::reference, DataQualityIssue::relapseOnly)
                .containsExactlyElementsOf(named ? List.of(org.assertj.core.groups.Tuple.tuple("imprecise-date",
                        "Observation/block1", true)) : List.of());
    }

    /**
     * An end-of-block-1 count a first relapse cannot place (no date, or a month reaching past the relapse) is kept as
     * recorded, so that what refractory disease decides can wait for its date; one whose month ended by the relapse
     * cannot be its block 1, and at a later relapse an earlier relapse's block 1 may be it.
     */
    @ParameterizedTest
    @CsvSource({"1, , true", "1, 2023-02, true", "1, 2023-01, false", "1, 2023-03-01, false", "2, , false"})
    void block1CountThatAFirstRelapseCannotPlace_isKeptAsUndated(int number, String date, boolean kept) {
        Optional<Relapse> relapse = Optional.of(new Relapse(LocalDate.parse("2023-02-01"), RelapseSite.ISOLATED_MARROW,
                number, false, "Observation/r"));
        org.hl7.fhir.r4.model.Observation count = blasts("block1", "relapse-end-block1", "2023-03-01", "7");
        count.setEffective(date == null ? null : new org.hl7.fhir.r4.model.DateTimeType(date));

        MarrowBlastsMapper.Read read = MarrowBlastsMapper.read(List.of(count), relapse, Timepoints.FrontLine.ANY, ctx());

        assertThat(read.undated()).containsExactlyElementsOf(kept ? List.of(new UndatedBlock1Blasts(new BigDecimal("7"),
                ValueBound.EXACT, "Observation/block1")) : List.of());
        assertThat(read.blasts()).hasSize(date != null && date.length() == 10 ? 1 : 0);
    }

    @Test
    void upperBound_decidesOnlyAThresholdAtOrAboveIt() {
        // "< 5 %", the usual report of a marrow in remission, is below 5 %; "< 30 %" may be 25 % or more
        MarrowBlasts remission = MarrowBlastsMapper.map(List.of(comparator(blasts("b", "relapse-end-block1", "2023-01-01",
                "5"), "<")), Optional.empty(), ctx()).get(0);
        MarrowBlasts wide = MarrowBlastsMapper.map(List.of(comparator(blasts("b", "end-of-induction", "2020-04-07", "30"),
                "<")), Optional.empty(), ctx()).get(0);

        assertThat(remission.atLeast(new BigDecimal("5"))).isFalse();
        assertThat(remission.undecidable(new BigDecimal("5"))).isFalse();
        assertThat(wide.undecidable(new BigDecimal("25"))).isTrue();
    }

    @Test
    void resultsOfOneDayThatDisagree_giveTheirSpan_andAreReported() {
        MappingContext ctx = ctx();
        List<MarrowBlasts> blasts = MarrowBlastsMapper.map(List.of(blasts("a", "end-of-induction", "2020-04-07", "30"),
                blasts("b", "end-of-induction", "2020-04-07", "10")), Optional.empty(), ctx);

        assertThat(blasts).singleElement().satisfies(b -> {
            assertThat(b.displayValue()).isEqualTo("10 to 30 %");
            assertThat(b.atLeast(new BigDecimal("5"))).as("not in remission either way").isTrue();
            assertThat(b.undecidable(new BigDecimal("25"))).as("induction failure open").isTrue();
        });
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsExactly("conflicting-results",
                "conflicting-results");
    }

    @Test
    void lowerBound_decidesOnlyAThresholdAtOrBelowIt() {
        MarrowBlasts blasts = MarrowBlastsMapper.map(List.of(comparator(blasts("b", "end-of-induction", "2020-04-07",
                "25"), ">")), Optional.empty(), ctx()).get(0);

        assertThat(blasts.atLeast(new BigDecimal("25"))).isTrue();
        assertThat(blasts.atLeast(new BigDecimal("30"))).as("> 25 %% may be below 30 %%").isFalse();
        assertThat(blasts.undecidable(new BigDecimal("30"))).isTrue();
        assertThat(blasts.undecidable(new BigDecimal("25"))).isFalse();
        assertThat(blasts.displayValue()).isEqualTo("> 25 %");
    }

    @Test
    void unconvertibleUnit_givesAnIssue() {
        MappingContext ctx = ctx();
        var observation = blasts("b", "end-of-induction", "2020-04-07", "30");
        observation.getValueQuantity().setCode("/uL");

        assertThat(MarrowBlastsMapper.map(List.of(observation), Optional.empty(), ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsExactly("unit-not-convertible");
    }
}
