package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.allcds.engine.RuleEvaluator;
import org.allcds.engine.RuleSet;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Findings do not depend on the order facts are inserted in (drools-notes §3.7): every author scenario, evaluated with
 * its facts shuffled, gives the same findings and fires the same rules as in the mapping's order.
 */
class ShuffledInsertionTest {

    private static final Path RULES = Path.of("rules");

    private static PatientEvaluator shuffling(long seed) {
        Random random = new Random(seed);
        UnaryOperator<List<Object>> shuffle = facts -> {
            List<Object> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            return shuffled;
        };
        return EvaluationAssembly.standalone(new RuleEvaluator(shuffle));
    }

    /** What a scenario produced, order aside: its findings and the rules fired. */
    private static List<String> outcome(ScenarioResult result) {
        List<String> findings = new ArrayList<>(result.actualFindings());
        Collections.sort(findings);
        List<String> fired = new ArrayList<>(result.firedRules());
        Collections.sort(fired);
        List<String> outcome = new ArrayList<>(findings);
        outcome.add("fired: " + fired);
        return outcome;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20260718L})
    void everyScenario_givesTheSameFindings_withItsFactsShuffled(long seed) {
        RuleSet rules = BundledRuleSet.get();
        ScenarioRunner inOrder = new ScenarioRunner(EvaluationAssembly.standalone());
        ScenarioRunner shuffled = new ScenarioRunner(shuffling(seed));
        List<ScenarioReader.Parsed> scenarios = inOrder.scenarios(RULES);
        assertThat(scenarios).hasSizeGreaterThan(50);

        List<String> differences = new ArrayList<>();
        for (ScenarioReader.Parsed parsed : scenarios) {
            if (parsed.scenario() == null) {
                continue; // unreadable scenarios are ScenarioSuiteTest's failures
            }
            ScenarioResult expected = inOrder.run(rules, parsed.scenario());
            ScenarioResult actual = shuffled.run(rules, parsed.scenario());
            if (!outcome(expected).equals(outcome(actual))) {
                differences.add(parsed.file() + ": " + outcome(expected) + " in order, " + outcome(actual) + " shuffled");
            }
        }
        assertThat(differences).as("scenarios whose findings depend on insertion order").isEmpty();
    }
}
