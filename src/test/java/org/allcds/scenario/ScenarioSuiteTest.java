package org.allcds.scenario;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetSource;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every author scenario in rules/tests/, one test each; a failure prints the readable diff. */
class ScenarioSuiteTest {

    private static final Path RULES = Path.of("rules");
    private static RuleSet ruleSet;
    private static final ScenarioRunner RUNNER = new ScenarioRunner(EvaluationAssembly.standalone());

    @BeforeAll
    static void compile() {
        RuleCompiler.Result result = new RuleCompiler(Clock.systemUTC()).compile(RuleSetSource.read(RULES));
        if (!result.ok()) {
            fail("The bundled rule set does not load:\n" + String.join("\n", result.errors().stream().map(Object::toString).toList()));
        }
        ruleSet = result.ruleSet();
    }

    @AfterAll
    static void dispose() {
        ruleSet.retire();
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        List<ScenarioReader.Parsed> parsed = RUNNER.scenarios(RULES);
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
