package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A relapse card's summary about a lineage the rules lack is shown whole: with the longest reason and request the input
 * words give for a lineage (a record without a full date, whose date is asked for), it still fits.
 */
class LineageWordsTest {

    private static final String LINEAGE = Input.LINEAGE.code();
    private static final String RECORD = "Immunophenotype (2015-02-11)";

    /** One lineage record with each fault the input words know for it, as the mapping reports them. */
    private static final List<DataQualityIssue> FAULTS = List.of(
            issue("conflicting-results", "Observation.value[x]"),
            issue("code-not-recognised", "Observation.valueCodeableConcept"),
            issue("code-not-recognised", "Observation.valueCodeableConcept.coding"),
            issue("missing-date", "Observation.effective[x]"),
            issue("imprecise-date", "Observation.effective[x]"),
            issue("preliminary-result", "Observation.status"),
            issue("invalid-value", "Observation.value[x]"));

    private static DataQualityIssue issue(String code, String detail) {
        return new DataQualityIssue(code, detail, "Observation/l1", RECORD);
    }

    /** Why a lineage cannot be used, each way the input words say it, and "not known" where nothing holds it. */
    private static List<String> gaps() {
        List<String> gaps = new ArrayList<>(List.of("not known"));
        FAULTS.forEach(f -> gaps.add(InputWords.unusableWhy(LINEAGE, List.of(f))));
        return gaps;
    }

    private static List<String> asks(String named) {
        List<String> asks = new ArrayList<>(List.of(InputWords.ask(LINEAGE, List.of(), named)));
        FAULTS.forEach(f -> asks.add(InputWords.ask(LINEAGE, List.of(f), named)));
        return asks;
    }

    private static String longest(List<String> words) {
        return words.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
    }

    @Test
    void theLongestReasonAndRequest_areThoseOfARecordWithoutAFullDate() {
        assertThat(longest(gaps())).hasSize("without a full date".length());
        assertThat(longest(asks("the lineage"))).isEqualTo("add the full date to the immunophenotype record");
        assertThat(gaps()).doesNotContainNull();
    }

    @Test
    void theStrataWaitingForTheLineage_areSaidWhole_atTheLongest() {
        String gap = longest(gaps());
        String ask = longest(asks("the lineage"));
        for (boolean hsct : new boolean[] {true, false}) {
            for (String candidates : List.of("low, intermediate or high risk", "intermediate or high risk")) {
                assertThat(LineageWords.strataOpen("COG", "undecided", candidates, hsct, gap, ask))
                        .hasSizeLessThanOrEqualTo(Finding.MAX_SUMMARY).contains(gap).endsWith("; " + ask);
            }
            assertThat(LineageWords.strataOpen("BFM", "undetermined", "S2 or S3 or S4", hsct, gap, ask))
                    .hasSizeLessThanOrEqualTo(Finding.MAX_SUMMARY).contains(gap).endsWith("; " + ask);
        }
    }

    /** The heading names the timing and site: the longest a COG high-risk relapse can have, with a site left open. */
    @Test
    void highRiskAtEitherLineage_isSaidWhole_atTheLongest() {
        String ask = longest(asks("the lineage"));
        for (String heading : List.of("Early first isolated marrow relapse (COG high risk)",
                "Early first isolated CNS and other extramedullary relapse (COG high risk)",
                "Early first relapse, site open (testis result not yet final) (COG high risk)")) {
            assertThat(LineageWords.highEitherWay(heading, ask)).hasSizeLessThanOrEqualTo(Finding.MAX_SUMMARY)
                    .contains("B or T").endsWith("; " + ask);
        }
    }

    @Test
    void aLineageMissing_isSaidWhole_atTheLongest() {
        for (boolean strataWait : new boolean[] {true, false}) {
            assertThat(LineageWords.missing(List.of(issue("missing-date", "Observation.effective[x]")), strataWait))
                    .hasSizeLessThanOrEqualTo(Finding.MAX_SUMMARY).startsWith("Lineage without a full date: ")
                    .endsWith("; add the full date to its record");
            for (DataQualityIssue fault : FAULTS) {
                assertThat(LineageWords.missing(List.of(fault), strataWait)).hasSizeLessThanOrEqualTo(Finding.MAX_SUMMARY);
            }
        }
        assertThat(LineageWords.missing(List.of(), true)).isEqualTo("Lineage (B or T) not known: CD19-directed checks, and"
                + " strata or HSCT decisions that differ between B and T, wait for it; record it");
    }

    /** At a later relapse no first-relapse stratum waits for the lineage: only the CD19-directed checks do. */
    @Test
    void aLineageMissingAtALaterRelapse_saysOnlyTheCd19DirectedChecksWaitForIt() {
        assertThat(LineageWords.missing(List.of(), false))
                .isEqualTo("Lineage (B or T) not known: CD19-directed checks wait for it; record it");
    }
}
