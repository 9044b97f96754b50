package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleInfo;
import org.junit.jupiter.api.Test;

/**
 * A card names the rules behind its findings (C-09): the catalogue row that applies, not a sibling row whose report
 * rule happened to carry the finding. Checked on the bundled rules' scenarios of each row.
 */
class RuleAttributionTest {

    private static List<String> rulesOf(String file, String type, String scheme) {
        return finding(file, type, scheme).rules().stream().map(RuleInfo::id).distinct().toList();
    }

    @Test
    void aBfmStratum_citesTheRowOfItsSiteAndLineage() {
        assertThat(rulesOf("tests/relapse/worked-example-c.yaml", "relapse-stratum", "BFM_ALLREZ2002"))
                .contains("R-RR-B3").doesNotContain("R-RR-B1", "R-RR-B2", "R-RR-B4");
        assertThat(rulesOf("tests/relapse/combined-late.yaml", "relapse-stratum", "BFM_ALLREZ2002"))
                .contains("R-RR-B2").doesNotContain("R-RR-B1", "R-RR-B3", "R-RR-B4");
        assertThat(rulesOf("tests/relapse/t-all/t-all-late-marrow.yaml", "relapse-stratum", "BFM_ALLREZ2002"))
                .contains("R-RR-B4").doesNotContain("R-RR-B1", "R-RR-B2", "R-RR-B3");
        assertThat(rulesOf("tests/relapse/t-all/t-all-late-cns.yaml", "relapse-stratum", "BFM_ALLREZ2002"))
                .contains("R-RR-B1").doesNotContain("R-RR-B2", "R-RR-B3", "R-RR-B4");
    }

    @Test
    void cogTiming_citesTheMarrowRowOrTheExtramedullaryRow() {
        assertThat(rulesOf("tests/relapse/worked-example-c.yaml", "relapse-timing", "COG"))
                .contains("R-REL-02").doesNotContain("R-REL-03");
        assertThat(rulesOf("tests/relapse/t-all/t-all-late-cns.yaml", "relapse-timing", "COG"))
                .contains("R-REL-03").doesNotContain("R-REL-02");
    }

    @Test
    void withoutTheSite_aFindingCitesTheRowsOfEverySite() {
        assertThat(rulesOf("tests/relapse/missing-data/relapse-site-missing.yaml", "relapse-timing", "COG"))
                .contains("R-REL-01", "R-REL-02", "R-REL-03");
        assertThat(rulesOf("tests/relapse/site-not-recorded/early-b-lineage.yaml", "relapse-stratum", "COG_AALL1331"))
                .contains("R-RR-C2").doesNotContain("R-RR-C1", "R-RR-C3", "R-RR-C4");
        assertThat(rulesOf("tests/relapse/site-not-recorded/early-b-lineage.yaml", "relapse-stratum", "BFM_ALLREZ2002"))
                .contains("R-RR-B1", "R-RR-B2", "R-RR-B3").doesNotContain("R-RR-B4");
        assertThat(rulesOf("tests/relapse/site-not-recorded/early-t-lineage.yaml", "relapse-stratum", "BFM_ALLREZ2002"))
                .contains("R-RR-B1", "R-RR-B4").doesNotContain("R-RR-B2", "R-RR-B3");
    }

    @Test
    void aStratumNotApplicable_citesTheExclusionThatHolds() {
        assertThat(rulesOf("tests/relapse/ph-positive-first-relapse.yaml", "relapse-stratum", "COG_AALL1331"))
                .contains("R-REL-07").doesNotContain("R-REL-06");
        assertThat(rulesOf("tests/relapse/second-relapse.yaml", "relapse-stratum", "COG_AALL1331"))
                .contains("R-REL-06");
    }

    /**
     * A COG stratum that stands beside a result that may be BCR::ABL1 (records that conflict, a code not recognised)
     * stands because a BCR::ABL1 test of the relapse's marrow found none: the card names that test and R-REL-07 among
     * what it rests on, so a clinician sees why Ph+ was ruled out; so does the HSCT decision an order card shows.
     */
    @Test
    void aCogStratum_besideAResultThatMayBeBcrAbl1_namesTheTestThatRuledItOut() {
        assertThat(inputsOf("tests/relapse/ph-possible/subtype-not-recognised-beside-negative-bcr-abl1-fish.yaml",
                "relapse-stratum", "COG_AALL1331")).contains("Observation/fish-bcr-abl1");
        assertThat(rulesOf("tests/relapse/ph-possible/subtype-not-recognised-beside-negative-bcr-abl1-fish.yaml",
                "relapse-stratum", "COG_AALL1331")).contains("R-REL-07", "R-RR-C4");
        assertThat(inputsOf("tests/orders/orders-bcr-abl1-conflict-settled-by-a-later-negative-fish.yaml",
                "hsct-indication", "COG_AALL1331")).contains("Observation/fish-bcr-abl1-repeat");
        // a test that rules nothing out at relapse (the diagnostic marrow's) is not named
        assertThat(inputsOf("tests/relapse/ph-possible/subtype-not-recognised-negative-fish-at-diagnosis-and-at-relapse.yaml",
                "relapse-stratum", "COG_AALL1331")).contains("Observation/fish-bcr-abl1")
                .doesNotContain("Observation/fish-bcr-abl1-diagnosis");
        // without such a result, nothing was ruled out and nothing is added
        assertThat(rulesOf("tests/relapse/worked-example-c.yaml", "relapse-stratum", "COG_AALL1331"))
                .doesNotContain("R-REL-07");
    }

    /**
     * A finding that says the disease is T-lineage or CD19-negative (no CD19-directed therapy, no CAR-T label) rests on
     * the lineage: the card and the extension name it, with its record (here the T-ALL diagnosis).
     */
    @Test
    void aFindingThatSaysTheLineage_restsOnItsRecord() {
        assertThat(inputsOf("tests/relapse/t-all/t-all-second-relapse.yaml", "relapse-stratum", "COG_AALL1331"))
                .contains("Condition/diagnosis");
        assertThat(inputsOf("tests/relapse/t-all/t-all-refractory.yaml", "refractory", null)).contains("Condition/diagnosis");
    }

    /**
     * At a second or later relapse no first-relapse stratum applies: the lineage it lacks waits for the CAR-T label
     * check alone, and the finding that asks for it cites that check, never a first-relapse stratum's row.
     */
    @Test
    void aLineageMissingAtALaterRelapse_citesTheCheckThatWaitsForIt_notAFirstRelapseRow() {
        assertThat(rulesOf("tests/relapse/lineage-not-recorded/second-relapse.yaml", "missing-data", null))
                .contains("R-TX-CART-01").doesNotContain("R-RR-C1");
        assertThat(rulesOf("tests/relapse/lineage-not-recorded/late-marrow-mrd-0.02.yaml", "missing-data", null))
                .contains("R-RR-C1");
    }

    /**
     * Every "not met" or "not applicable" gives its reasons in words of its own, which a card's line and an order card's
     * reason say: never words read back out of its summary, whatever the summary leads with.
     */
    @Test
    void everyFindingNotMetOrNotApplicable_givesItsReasonWords() {
        List<String> without = ScenarioRecords.bundled().records().stream()
                .flatMap(r -> r.findings().stream().map(ExplainedFinding::finding)
                        .filter(f -> f.value().equals("NOT_MET") || f.value().equals("NOT_APPLICABLE"))
                        .filter(f -> f.reasonWords() == null).map(f -> r.file() + ": " + f.type() + " " + f.scheme()))
                .distinct().toList();

        assertThat(without).isEmpty();
    }

    private static List<String> inputsOf(String file, String type, String scheme) {
        return finding(file, type, scheme).inputs().stream().map(i -> i.reference()).distinct().toList();
    }

    private static ExplainedFinding finding(String file, String type, String scheme) {
        return ScenarioRecords.bundled().findingsOf(file).stream()
                .filter(f -> f.finding().type().equals(type) && java.util.Objects.equals(scheme, f.finding().scheme()))
                .findFirst().orElseThrow();
    }
}
