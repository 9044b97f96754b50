package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The helpers every DRL package imports: sorted, repeat-free input names, so that equal derivations are one fact. */
class RuleFunctionsTest {

    @Test
    void inputNames_areTheFindingsNames() {
        assertThat(RuleFunctions.inputList(Input.END_OF_INDUCTION_MRD)).containsExactly("end-of-induction-mrd");
        assertThat(RuleFunctions.inputList(Input.DAY8_MRD)).containsExactly("day8-mrd");
        assertThat(RuleFunctions.noInputs()).isEmpty();
    }

    @Test
    void unionOf_isSortedWithoutRepeats_forAnyNumberOfLists() {
        assertThat(RuleFunctions.unionOf(List.of("wbc-at-diagnosis", "cns-status"), List.of(), List.of("cns-status")))
                .containsExactly("cns-status", "wbc-at-diagnosis");
        assertThat(RuleFunctions.unionOf()).isEmpty();
        assertThat(RuleFunctions.withInput(List.of("lineage"), Input.CNS_STATUS)).containsExactly("cns-status", "lineage");
    }

    @Test
    void namesIn_splitsAbsentFromPresentButUndecidable() {
        List<List<String>> lists = List.of(List.of("day8-mrd", "wbc-at-diagnosis"), List.of("end-of-induction-mrd"));
        Set<String> absent = Set.of("wbc-at-diagnosis", "end-of-induction-mrd");
        assertThat(RuleFunctions.namesIn(lists, absent, true)).containsExactly("end-of-induction-mrd", "wbc-at-diagnosis");
        assertThat(RuleFunctions.namesIn(lists, absent, false)).containsExactly("day8-mrd");
        assertThat(RuleFunctions.sortedNames(lists)).containsExactly("day8-mrd", "end-of-induction-mrd", "wbc-at-diagnosis");
    }

    @Test
    void firstThatFits_isTheFirstSummaryACardShowsWhole_elseTheLast() {
        String tooLong = "x".repeat(Finding.MAX_SUMMARY + 1);
        assertThat(RuleFunctions.firstThatFits(tooLong, "full words", "fewer")).isEqualTo("full words");
        assertThat(RuleFunctions.firstThatFits(tooLong, tooLong + "!")).isEqualTo(tooLong + "!");
        assertThat(RuleFunctions.firstThatFits("x".repeat(Finding.MAX_SUMMARY))).hasSize(Finding.MAX_SUMMARY);
    }

    @Test
    void without_dropsTheNamesGiven_keepingTheOrder() {
        String[] names = {"day8-mrd", "genetic-subtype", "wbc-at-diagnosis"};
        assertThat(RuleFunctions.without(names, new String[] {"genetic-subtype"})).containsExactly("day8-mrd", "wbc-at-diagnosis");
        assertThat(RuleFunctions.without(names, new String[] {"cns-status"})).containsExactly(names);
        assertThat(RuleFunctions.without(names, names)).isEmpty();
    }

    @Test
    void inOrder_followsTheEnumOrder() {
        assertThat(RuleFunctions.inOrder(Set.of(CogGroup.VERY_HIGH, CogGroup.LOW), CogGroup.values()))
                .containsExactly("LOW", "VERY_HIGH");
    }

    @Test
    void indicator_mostUrgentWins_andSpeaksCdsHooks() {
        assertThat(Indicator.INFO.max(Indicator.CRITICAL)).isEqualTo(Indicator.CRITICAL);
        assertThat(Indicator.WARNING.max(Indicator.INFO)).isEqualTo(Indicator.WARNING);
        assertThat(Indicator.CRITICAL.code()).isEqualTo("critical");
    }

    /** A summary says "present" only when the record shows the remission and CD19; otherwise it names what to confirm. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "-", delimiter = '|', value = {
        "in second remission | - | false | MRD >= 0.1 % in second remission: FDA-labelled blinatumomab indication present",
        "in second remission | - | true | MRD >= 0.1 % in second remission: FDA-labelled blinatumomab indication if CD19-positive",
        "after a first relapse | in CR2 | false | MRD >= 0.1 % after a first relapse: FDA-labelled blinatumomab indication if in CR2",
        "after a first relapse | in CR2 | true | MRD >= 0.1 % after a first relapse: FDA-labelled blinatumomab indication if in CR2 and CD19-positive"})
    void blinatumomabSummary_saysPresentOnlyForWhatTheRecordShows(String when, String remission, boolean cd19Unknown,
                                                                 String summary) {
        assertThat(RuleFunctions.blinatumomabSummary(when, remission, cd19Unknown)).isEqualTo(summary).hasSizeLessThan(140);
    }

    @Test
    void capitalised_opensANoteWithACapital_andLeavesTheRest() {
        assertThat(RuleFunctions.capitalised("correct the lineage, or sign it"))
                .isEqualTo("Correct the lineage, or sign it");
        assertThat(RuleFunctions.capitalised("")).isEmpty();
    }
}
