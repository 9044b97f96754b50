package org.allcds.scenario;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;
import org.allcds.engine.RuleSet;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every author scenario in rules/tests/, one test each; a failure prints the readable diff. */
class ScenarioSuiteTest {

    private static RuleSet ruleSet;
    private static final ScenarioRunner RUNNER = new ScenarioRunner(EvaluationAssembly.standalone());

    @BeforeAll
    static void compile() {
        ruleSet = BundledRuleSet.get();
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        List<ScenarioReader.Parsed> parsed = BundledScenarios.parsed();
        if (parsed.isEmpty()) {
            fail("No scenarios under rules/tests/");
        }
        return parsed.stream().map(p -> DynamicTest.dynamicTest(p.file(), () -> {
            if (p.scenario() == null) {
                fail(p.problem());
            }
            ScenarioResult result = RUNNER.run(ruleSet, p.scenario());
            if (!result.passed()) {
                fail("\n" + result.diff());
            }
        }));
    }
}
