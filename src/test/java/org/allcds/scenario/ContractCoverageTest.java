package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every finding type, scheme and value of data-contract §4 is produced by at least one author scenario, so a harness
 * reading the contract finds each of them exercised in the repository.
 */
class ContractCoverageTest {

    /** data-contract §4, row by row: "type scheme value" ("-" for no scheme). */
    static final List<String> CONTRACT = contract();

    private static List<String> contract() {
        List<String> c = new ArrayList<>();
        add(c, "nci-risk", "NCI", "STANDARD", "HIGH", "INFANT", "INDETERMINATE");
        add(c, "risk-group", "COG_AALL08B1", "LOW", "STANDARD", "HIGH", "VERY_HIGH", "INDETERMINATE", "PENDING");
        add(c, "relapse-timing", "COG", "EARLY", "LATE");
        add(c, "relapse-timing", "BFM", "VERY_EARLY", "EARLY", "LATE", "INDETERMINATE");
        add(c, "relapse-stratum", "COG_AALL1331", "LOW", "INTERMEDIATE", "HIGH", "PENDING", "NOT_APPLICABLE");
        add(c, "relapse-stratum", "BFM_ALLREZ2002", "S1", "S2", "S3", "S4", "INDETERMINATE", "NOT_APPLICABLE");
        add(c, "hsct-indication", "COG_AALL1331", "INDICATED", "NOT_INDICATED", "PENDING");
        add(c, "hsct-indication", "BFM_ALLREZ2002", "INDICATED", "NOT_INDICATED", "PENDING");
        add(c, "cart-eligibility", "FDA", "MET", "NOT_MET");
        add(c, "cart-eligibility", "EMA", "MET", "NOT_MET");
        add(c, "blinatumomab-mrd-indication", "FDA", "MET");
        add(c, "refractory", "-", "PRESENT");
        add(c, "infant", "-", "PRESENT");
        add(c, "down-syndrome", "-", "PRESENT");
        add(c, "missing-data", "-", "wbc-at-diagnosis", "end-of-induction-mrd", "end-of-frontline-therapy",
                "relapse-end-block1-mrd", "diagnosis-date", "birth-date");
        add(c, "data-quality", "-", "relapse-before-diagnosis", "unit-not-convertible", "foreign-subject-excluded",
                "duplicate-resource", "dated-after-evaluation-time", "dated-before-relapse");
        add(c, "order-check", "CART_PRODUCT", "LABEL_NOT_MET", "INDETERMINATE");
        add(c, "order-check", "BLINATUMOMAB", "LABEL_NOT_MET", "INDETERMINATE");
        add(c, "order-check", "HSCT_REFERRAL", "NOT_INDICATED", "INDETERMINATE");
        return c;
    }

    private static void add(List<String> into, String type, String scheme, String... values) {
        for (String v : values) {
            into.add(type + " " + scheme + " " + v);
        }
    }

    /** On the scenarios' own evaluations, made once per JVM for every corpus check ({@link ScenarioRecords}). */
    @Test
    void everyContractFinding_isProducedBySomeScenario() {
        Set<String> produced = new TreeSet<>();
        ScenarioRecords.bundled().records().forEach(r -> r.findings().stream().map(ExpectedFinding::describe)
                .forEach(f -> produced.add(firstThreeWords(f))));

        List<String> neverProduced = CONTRACT.stream().filter(c -> !produced.contains(c)).toList();
        assertThat(neverProduced).as("contract findings that no scenario produces").isEmpty();
    }

    private static String firstThreeWords(String finding) {
        String[] words = finding.split(" ");
        return words[0] + " " + words[1] + " " + words[2];
    }
}
