package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.FindingVocabulary.Inconsistency;
import org.allcds.facts.Finding;
import org.allcds.facts.Input;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;

/**
 * Which findings of one evaluation must agree: one value per type and scheme, except where the bundled rules give
 * several legitimately (a value per label profile, per draft order's card, per missing input or data-quality code).
 */
class FindingVocabularyTest {

    private static final FindingVocabulary BUNDLED = bundled();

    private static FindingVocabulary bundled() {
        List<RuleProblem> problems = new ArrayList<>();
        FindingVocabulary vocabulary = FindingVocabulary.read(RuleSetSource.read(RuleFolders.RULES), problems);
        assertThat(problems).isEmpty();
        return vocabulary;
    }

    private static List<Inconsistency> of(Finding... findings) {
        return BUNDLED.inconsistencies(Arrays.stream(findings).map(f -> new ExplainedFinding(f, List.of(), List.of())).toList());
    }

    @Test
    void twoValuesOfOneTypeAndScheme_contradictEachOther() {
        assertThat(of(Finding.of("risk-group", "COG_AALL08B1", "VERY_HIGH"), Finding.of("risk-group", "COG_AALL08B1", "LOW")))
                .singleElement().satisfies(i -> {
                    assertThat(i.contradiction()).isTrue();
                    assertThat(i.values()).containsExactly("LOW", "VERY_HIGH");
                });
        // on another card too: the extension is the union of every card's findings
        assertThat(of(Finding.of("hsct-indication", "COG_AALL1331", "INDICATED"),
                Finding.of("hsct-indication", "COG_AALL1331", "NOT_INDICATED").onCard("pathway-discordance"))).hasSize(1);
    }

    @Test
    void whatTheBundledRulesGiveSeveralOf_agrees() {
        assertThat(of(
                Finding.of("cart-eligibility", "FDA", "MET"), Finding.of("cart-eligibility", "EMA", "NOT_MET"),
                Finding.of("order-check", "CART_PRODUCT", "LABEL_NOT_MET").onCard("order:MedicationRequest/a"),
                Finding.of("order-check", "CART_PRODUCT", "INDETERMINATE").withCandidates("MET", "NOT_MET")
                        .onCard("order:MedicationRequest/b"),
                Finding.of("missing-data", "lineage"), Finding.of("missing-data", "birth-date"),
                Finding.of("data-quality", "missing-date"), Finding.of("data-quality", "duplicate-resource"),
                Finding.of("hsct-indication", "COG_AALL1331", "INDICATED"),
                Finding.of("hsct-indication", "COG_AALL1331", "INDICATED").onCard("pathway-discordance"),
                Finding.of("hsct-indication", "BFM_ALLREZ2002", "NOT_INDICATED"))).isEmpty();
        assertThat(of(Finding.of("order-check", "CART_PRODUCT", "LABEL_NOT_MET").onCard("order:MedicationRequest/a"),
                Finding.of("order-check", "CART_PRODUCT", "INDETERMINATE").onCard("order:MedicationRequest/a"))).hasSize(1);
    }

    @Test
    void aValueBuiltAtRunTimeOutsideTheVocabulary_isAnInconsistency() {
        assertThat(of(Finding.of("risk-group", "COG_AALL08B1", "VERY-HIGH"), Finding.of("nci-risk", "NCl", "HIGH"),
                Finding.of("nci-risk", "NCI", "INDETERMINATE").withCandidates("STANDARD", "MEDIUM"),
                Finding.of("nci-risk", "HIGH"), Finding.of("adolescent", "PRESENT")))
                .hasSize(5).noneMatch(Inconsistency::contradiction);
    }

    @Test
    void everyInputARuleCanNameMissing_isAMissingDataValue() {
        Arrays.stream(Input.values()).forEach(input ->
                assertThat(of(Finding.of("missing-data", input.code()))).as(input.code()).isEmpty());
    }
}
