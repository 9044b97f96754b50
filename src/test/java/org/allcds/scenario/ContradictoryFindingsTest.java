package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.allcds.cards.AllCdsExtension;
import org.allcds.engine.RuleSet;
import org.allcds.fixtures.RuleFolders;
import org.allcds.hooks.Card;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two values of one finding type and scheme in one evaluation: a card shows one of them while the extension carries
 * both, so a machine could read either. Such an evaluation is not served: one critical card says so, its extension
 * marks the question INCONSISTENT with the values given as candidates, and a scenario with it fails. On the fixture
 * rule set, whose worked example A is NCI standard risk, with a rule that also calls it high risk.
 */
class ContradictoryFindingsTest {

    private static final String CONTRADICTING_DRL = """
            package org.allcds.rules.risk;
            import org.allcds.facts.*;

            rule "X-CONTRA-01 calls every child NCI high risk"
                @id("X-CONTRA-01") @version("1.0.0") @source("test: contradicts R-DX-02 on purpose")
            when
                AgeAtDiagnosis()
            then
                insert(Finding.of("nci-risk", "NCI", "HIGH"));
            end
            """;

    @TempDir
    Path root;
    private RuleSet ruleSet;
    private final ScenarioRunner runner = new ScenarioRunner(EvaluationAssembly.standalone());
    private Scenario scenario;

    @BeforeEach
    void compile() {
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("risk/contradiction.drl"), CONTRADICTING_DRL);
        ruleSet = RuleFolders.compile(rules);
        scenario = new ScenarioReader().read(rules, rules.resolve(RuleFolders.FIXTURE_SCENARIO)).scenario();
    }

    @AfterEach
    void retire() {
        ruleSet.retire();
    }

    @Test
    void aScenarioWhoseRulesContradictEachOther_fails_namingTheValuesAndTheirRules() {
        ScenarioResult result = runner.run(ruleSet, scenario);

        assertThat(result.passed()).isFalse();
        assertThat(result.diff()).contains("! inconsistent evaluation, findings withheld: contradictory findings:"
                        + " nci-risk NCI is HIGH (rules X-CONTRA-01 in risk/contradiction.drl) and STANDARD (rules R-DX-02")
                .contains("nci-risk NCI INCONSISTENT candidates=[HIGH, STANDARD]");
    }

    @Test
    void theResponse_withholdsBothValues_andSaysOnACriticalCardThatTheEvaluationIsInconsistent() {
        PatientEvaluator.Result result = runner.evaluate(ruleSet, scenario, runner.data(scenario));

        List<AllCdsExtension.FindingView> findings = result.cards().stream().flatMap(c -> extension(c).findings().stream())
                .toList();
        assertThat(findings).noneMatch(f -> f.type().equals("nci-risk") && !f.value().equals("INCONSISTENT"));
        assertThat(findings).contains(new AllCdsExtension.FindingView("nci-risk", "NCI", "INCONSISTENT",
                List.of("HIGH", "STANDARD"), List.of()));
        assertThat(result.cards()).singleElement().satisfies(card -> {
            assertThat(card.indicator()).isEqualTo("critical");
            assertThat(card.summary()).startsWith("Result withheld: the rules contradict each other on nci-risk (NCI)");
            assertThat(extension(card).rules()).extracting(AllCdsExtension.RuleView::id)
                    .contains("X-CONTRA-01", "R-DX-02");
        });
    }

    /** Order-sign shows only findings about a draft order; a contradiction may be behind the order check, so it is said. */
    @Test
    void onOrderSign_theInconsistencyIsSaid_evenWhenTheContradictingFindingsAreNotAboutAnOrder() {
        Path rules = root.resolve("bundled");
        RuleFolders.copyBundledUnversioned(rules);
        RuleFolders.write(rules.resolve("orders/contradiction.drl"), CONTRADICTING_DRL.replace("rules.risk", "rules.orders")
                .replace("AgeAtDiagnosis()", "AllPatient()").replace("insert(", "insert(Finding.of(\"nci-risk\", \"NCI\", \"STANDARD\"));\n    insert("));
        RuleSet bundled = RuleFolders.compile(rules);
        try {
            Scenario order = new ScenarioReader().read(rules, rules.resolve("tests/orders/blinatumomab-consolidation.yaml"))
                    .scenario();
            PatientEvaluator.Result result = runner.evaluate(bundled, order, runner.data(order));

            assertThat(result.cards()).singleElement().satisfies(card -> {
                assertThat(card.indicator()).isEqualTo("critical");
                assertThat(extension(card).findings()).containsExactly(new AllCdsExtension.FindingView("nci-risk", "NCI",
                        "INCONSISTENT", List.of("HIGH", "STANDARD"), List.of()));
            });
            assertThat(runner.run(bundled, order).passed()).isFalse();
        } finally {
            bundled.retire();
        }
    }

    private static AllCdsExtension extension(Card card) {
        Map<String, Object> extension = card.extension();
        return (AllCdsExtension) extension.get(AllCdsExtension.KEY);
    }
}
