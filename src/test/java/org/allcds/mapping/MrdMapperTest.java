package org.allcds.mapping;

import static org.allcds.mapping.Fhir.comparator;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.mrd;
import static org.allcds.mapping.Fhir.observation;
import static org.allcds.mapping.Fhir.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.allcds.facts.Comparison;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Mrd;
import org.allcds.facts.Relapse;
import org.allcds.facts.RelapseSite;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.ValueBound;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class MrdMapperTest {

    private static final BigDecimal CUT_OFF = new BigDecimal("0.01");
    private static final Optional<Relapse> FIRST_RELAPSE = Optional.of(new Relapse(LocalDate.parse("2023-02-01"),
            RelapseSite.ISOLATED_MARROW, 1, false, "Observation/r1"));

    private static List<Mrd> map(Observation... observations) {
        return MrdMapper.map(List.of(observations), Optional.empty(), ctx());
    }

    @Test
    void percentValue_givesUncensoredMrd() {
        assertThat(map(mrd("m", "end-of-induction", "2020-04-07", "0.02", "%"))).containsExactly(new Mrd(
                MrdTimepoint.END_OF_INDUCTION, new BigDecimal("0.02"), ValueBound.EXACT, LocalDate.parse("2020-04-07"),
                "Observation/m"));
    }

    /** A result at a timepoint coded outside the value set cannot be placed; the record is named, not dropped silently. */
    @Test
    void timepointNotRecognised_isNotPlaced_andIsReported() {
        MappingContext ctx = ctx();

        assertThat(MrdMapper.map(List.of(mrd("m", "day-29", "2020-04-07", "0.02", "%")), Optional.empty(), ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("code-not-recognised",
                        "Observation.component:timepoint", "Observation/m"));
    }

    /** A timepoint sent as text, or two timepoint components that disagree, cannot place the result: named. */
    @Test
    void timepointAsText_orTimepointsThatDisagree_areNotPlaced_andAreReported() {
        MappingContext ctx = ctx();
        Observation text = Fhir.quantity(observation("t", Codes.local("mrd"), "2020-04-07"), "0.02", "%");
        Fhir.component(text, Codes.local("timepoint"), new org.hl7.fhir.r4.model.StringType("day 29"));
        Observation two = Fhir.component(mrd("two", "end-of-induction", "2020-04-07", "0.02", "%"),
                Codes.local("timepoint"), Codes.local("day8-pb"));

        assertThat(MrdMapper.map(List.of(text, two), Optional.empty(), ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::detail, DataQualityIssue::reference).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Observation.component:timepoint.valueString", "Observation/t"),
                org.assertj.core.groups.Tuple.tuple("Observation.component:timepoint.coding", "Observation/two"));
    }

    @Test
    void lessThanAboveTheCutOff_isIndeterminate() {
        // E3: "< 0.05%" cannot be compared with 0.01%
        Mrd mrd = map(comparator(mrd("m", "end-of-induction", "2020-04-07", "0.05", "%"), "<")).get(0);

        assertThat(mrd.bound()).isEqualTo(ValueBound.LESS_THAN);
        assertThat(mrd.against(CUT_OFF)).isEqualTo(Comparison.INDETERMINATE);
        assertThat(mrd.displayValue()).isEqualTo("< 0.05 %");
    }

    @Test
    void lessThanTheCutOff_isBelow() {
        // E3: "< 0.01%" is below 0.01%
        Mrd mrd = map(comparator(mrd("m", "end-of-induction", "2020-04-07", "0.01", "%"), "<")).get(0);

        assertThat(mrd.against(CUT_OFF)).isEqualTo(Comparison.BELOW);
    }

    @Test
    void lessOrEqualTheCutOff_cannotDecide() {
        // "<= 0.01%" allows exactly 0.01%, which is not below 0.01% (C-07: inclusive)
        Mrd mrd = map(comparator(mrd("m", "day8-pb", "2020-03-18", "0.01", "%"), "<=")).get(0);

        assertThat(mrd.against(CUT_OFF)).isEqualTo(Comparison.INDETERMINATE);
        assertThat(mrd.against(new BigDecimal("0.011"))).isEqualTo(Comparison.BELOW);
    }

    @Test
    void greaterThanBelowTheCutOff_cannotDecide() {
        // "> 0.005%" read as 0.005% would put the child below 0.01% (a lower group)
        Mrd mrd = map(comparator(mrd("m", "end-of-induction", "2020-04-07", "0.005", "%"), ">")).get(0);

        assertThat(mrd.against(CUT_OFF)).isEqualTo(Comparison.INDETERMINATE);
        assertThat(mrd.below(CUT_OFF)).isFalse();
        assertThat(mrd.displayValue()).isEqualTo("> 0.005 %");
    }

    @Test
    void greaterOrEqualAtTheCutOff_isAtOrAbove() {
        Mrd mrd = map(comparator(mrd("m", "day8-pb", "2020-03-18", "1", "%"), ">=")).get(0);

        assertThat(mrd.against(BigDecimal.ONE)).isEqualTo(Comparison.AT_OR_ABOVE);
        assertThat(map(comparator(mrd("m", "day8-pb", "2020-03-18", "1", "%"), ">")).get(0).against(BigDecimal.ONE))
                .isEqualTo(Comparison.AT_OR_ABOVE);
    }

    @Test
    void fractionOfOneTenThousandth_isOneHundredthPercent() {
        // E5: 0.0001 with unit 1 = 0.01 %, so "≥ 0.01%"
        Mrd mrd = map(mrd("m", "end-of-induction", "2020-04-07", "0.0001", "1")).get(0);

        assertThat(mrd.percent()).isEqualTo(new BigDecimal("0.01"));
        assertThat(mrd.against(CUT_OFF)).isEqualTo(Comparison.AT_OR_ABOVE);
    }

    @Test
    void eachTimepoint_givesItsOwnMrd_inTimepointOrder() {
        assertThat(map(mrd("b1", "relapse-end-block1", "2023-01-01", "0.2", "%"),
                mrd("d8", "day8-pb", "2020-03-18", "0.5", "%"),
                mrd("eoi", "end-of-induction", "2020-04-07", "0.001", "%")))
                .extracting(Mrd::timepoint)
                .containsExactly(MrdTimepoint.DAY8_PB, MrdTimepoint.END_OF_INDUCTION, MrdTimepoint.RELAPSE_END_BLOCK1);
    }

    @Test
    void severalAtOneTimepoint_mostRecentWins() {
        assertThat(map(mrd("repeat", "end-of-induction", "2020-04-09", "0.001", "%"),
                mrd("first", "end-of-induction", "2020-04-07", "0.5", "%")))
                .extracting(Mrd::reference).containsExactly("Observation/repeat");
    }

    /**
     * End-of-block-1 results belong to the relapse classified only when taken after it: older ones are not placed, so
     * their disagreement is not reported in this relapse's name, and an undated one cannot be placed after it. Other
     * timepoints do not depend on the relapse.
     */
    @Test
    void block1ResultsNotAfterTheRelapse_areNotPlaced_andTheirConflictIsNotReported() {
        MappingContext ctx = ctx();
        Observation undated = mrd("undated", "relapse-end-block1", "2023-01-01", "0.02", "%").setEffective(null);

        List<Observation> before = List.of(mrd("a", "relapse-end-block1", "2023-01-01", "0.02", "%"),
                mrd("b", "relapse-end-block1", "2023-01-01", "0.5", "%"), undated,
                mrd("eoi", "end-of-induction", "2020-04-07", "0.001", "%"));
        // a second relapse: results before it are the first relapse's, never reported as misdated
        Optional<Relapse> relapse = Optional.of(new Relapse(LocalDate.parse("2023-02-01"), RelapseSite.ISOLATED_MARROW, 2,
                false, "Observation/r2"));

        assertThat(MrdMapper.map(before, relapse, ctx)).extracting(Mrd::reference).containsExactly("Observation/eoi");
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).doesNotContain("conflicting-results")
                .doesNotContain("dated-before-relapse").doesNotContain("missing-date");
        List<Observation> withOneAfter = new java.util.ArrayList<>(before);
        withOneAfter.add(mrd("after", "relapse-end-block1", "2023-03-01", "0.05", "%"));
        assertThat(MrdMapper.map(withOneAfter, relapse, ctx())).extracting(Mrd::reference)
                .containsExactly("Observation/eoi", "Observation/after");
    }

    /**
     * At a first relapse no earlier relapse can own an end-of-block-1 result that does not follow it: one dated on or
     * before it has a wrong date, and one without a date lacks it; each is named, so that a card does not ask for the
     * result as if none had been recorded.
     */
    @Test
    void block1ResultsNotAfterAFirstRelapse_areNotPlaced_andAreNamed() {
        MappingContext ctx = ctx();

        assertThat(MrdMapper.map(List.of(mrd("before", "relapse-end-block1", "2023-01-01", "0.02", "%"),
                mrd("undated", "relapse-end-block1", "2023-03-01", "0.02", "%").setEffective(null)), FIRST_RELAPSE,
                ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code, DataQualityIssue::detail, DataQualityIssue::reference)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("dated-before-relapse", "Observation.effective[x]",
                                "Observation/before"),
                        org.assertj.core.groups.Tuple.tuple("missing-date", "Observation.effective[x]",
                                "Observation/undated"));
    }

    /**
     * An end-of-block-1 MRD of a month after the relapse is not used, and its date is named for the relapse alone: a
     * relapse block's response is no input of the risk at diagnosis. One of the end of induction, read for its
     * timepoint, is named for both.
     */
    @Test
    void block1ResultOfAMonth_isNamedForTheRelapseAlone() {
        MappingContext ctx = ctx();

        assertThat(MrdMapper.map(List.of(mrd("block1", "relapse-end-block1", "2023-03", "0.02", "%"),
                mrd("eoi", "end-of-induction", "2020-04", "0.001", "%")), FIRST_RELAPSE, ctx))
                .extracting(Mrd::reference).containsExactly("Observation/eoi");
        assertThat(ctx.issues())
                .extracting(DataQualityIssue::code, DataQualityIssue::reference, DataQualityIssue::relapseOnly)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("imprecise-date", "Observation/block1", true),
                        org.assertj.core.groups.Tuple.tuple("imprecise-date", "Observation/eoi", false));
    }

    /**
     * At a later relapse an end-of-block-1 MRD of a month or year that ended before it may be an earlier relapse's block
     * 1, which never counts: it is set aside without a word, as one with a full date before the relapse is. One whose
     * month or year meets the relapse's days may be this relapse's, and is named; at a first relapse every one is.
     */
    @Test
    void block1ResultOfAMonthOrYearBeforeALaterRelapse_isSetAsideWithoutAWord() {
        Optional<Relapse> second = Optional.of(new Relapse(LocalDate.parse("2023-02-01"), RelapseSite.ISOLATED_MARROW, 2,
                false, "Observation/r2"));
        List<Observation> results = List.of(mrd("month-before", "relapse-end-block1", "2023-01", "0.02", "%"),
                mrd("year-before", "relapse-end-block1", "2022", "0.02", "%"),
                mrd("relapse-month", "relapse-end-block1", "2023-02", "0.02", "%"),
                mrd("relapse-year", "relapse-end-block1", "2023", "0.02", "%"));
        for (Optional<Relapse> relapse : List.of(second, FIRST_RELAPSE)) {
            MappingContext ctx = ctx();

            assertThat(MrdMapper.map(results, relapse, ctx)).isEmpty();
            assertThat(ctx.issues()).as("relapse %d", relapse.get().number())
                    .extracting(DataQualityIssue::code, DataQualityIssue::reference, DataQualityIssue::relapseOnly)
                    .containsExactlyInAnyOrderElementsOf(Stream.of("month-before", "year-before", "relapse-month",
                                    "relapse-year").filter(id -> relapse == FIRST_RELAPSE || id.startsWith("relapse"))
                            .map(id -> org.assertj.core.groups.Tuple.tuple("imprecise-date", "Observation/" + id, true))
                            .toList());
        }
    }

    @Test
    void twoResultsOfOneDayThatDisagree_giveNoMrd_whateverTheirIds() {
        for (String[] ids : new String[][] {{"ea", "eb"}, {"eb", "ea"}}) {
            MappingContext ctx = ctx();

            assertThat(MrdMapper.map(List.of(mrd(ids[0], "end-of-induction", "2020-07-13", "0.005", "%"),
                    mrd(ids[1], "end-of-induction", "2020-07-13", "0.5", "%")), Optional.empty(), ctx)).isEmpty();
            assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsOnly("conflicting-results").hasSize(2);
        }
    }

    @Test
    void oneValueInTwoUnits_isNoConflict() {
        assertThat(map(mrd("pct", "end-of-induction", "2020-07-13", "0.5", "%"),
                mrd("fraction", "end-of-induction", "2020-07-13", "0.005", "1")))
                .extracting(Mrd::percent).singleElement().satisfies(p -> assertThat(p).isEqualByComparingTo("0.5"));
    }

    @Test
    void withoutTimepoint_isIgnored() {
        assertThat(map(quantity(observation("m", Codes.local("mrd"), "2020-04-07"), "0.5", "%"))).isEmpty();
    }

    @Test
    void unknownTimepoint_isIgnored() {
        assertThat(map(mrd("m", "day15", "2020-03-25", "0.5", "%"))).isEmpty();
    }

    @Test
    void unconvertibleUnit_givesNoMrdAndAnIssue() {
        MappingContext ctx = ctx();

        assertThat(MrdMapper.map(List.of(mrd("m", "end-of-induction", "2020-04-07", "3", "/uL")), Optional.empty(), ctx)).isEmpty();
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("unit-not-convertible", "Observation.valueQuantity.code", "Observation/m"));
    }
}
