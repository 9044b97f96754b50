package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.allcds.engine.RuleEvaluator;
import org.allcds.engine.RuleInfo;
import org.allcds.engine.RuleSet;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.fixtures.RuleFolders;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Findings do not depend on the order facts are inserted in (drools-notes §3.7): every author scenario, evaluated with
 * its facts shuffled, gives the same findings and fires the same rules as in the mapping's order. The check is shown
 * to catch order dependence on a rule set that has it on purpose, with the same seeds.
 */
class ShuffledInsertionTest {

    /**
     * Numbers the record's inputs in the order the engine meets them (a derivation that reads how many came before,
     * without a salience to settle it): any insertion order but the mapping's gives other findings.
     */
    private static final String ORDER_DEPENDENT_DRL = """
            package org.allcds.rules.risk;

            import org.allcds.facts.*;

            declare Seen
                reference : String @key
                position : long
            end

            rule "X-ORDER-01 number each input as the engine meets it"
                @id("X-ORDER-01") @version("1.0.0") @source("test: order-dependent on purpose")
                salience 10
            when
                ClinicalInput( reference != null, $ref : reference )
                not Seen( reference == $ref )
                accumulate( Seen(); $before : count() )
            then
                insert(new Seen($ref, $before));
            end

            rule "X-ORDER-02 report the numbering"
                @id("X-ORDER-02") @version("1.0.0") @source("test: order-dependent on purpose")
            when
                Seen( $ref : reference, $position : position )
            then
                insert(Finding.of("seen", "NUMBERED").withMissing($ref + " #" + $position));
            end
            """;

    /** The test's own finding type: one finding per input, its number carried where values are not checked. */
    private static final String SEEN_TYPE = """
            findings:
              seen:
                oneValuePer: none
                values: [NUMBERED]
            """;

    @TempDir
    Path root;

    static LongStream seeds() {
        return LongStream.of(1L, 42L, 20260718L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyScenario_givesTheSameFindings_withItsFactsShuffled(long seed) {
        Check check = check(ScenarioRecords.bundled(), BundledRuleSet.get(), seed);
        assertThat(check.scenarios()).isGreaterThan(50);
        assertThat(check.differences()).as("scenarios whose findings depend on insertion order").isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theCheck_reportsARuleSetWhoseFindingsDependOnInsertionOrder(long seed) {
        Path rules = RuleFolders.copy(root);
        RuleFolders.write(rules.resolve("risk/order-dependent.drl"), ORDER_DEPENDENT_DRL);
        RuleFolders.write(rules.resolve("findings.yaml"), SEEN_TYPE);
        RuleSet orderDependent = RuleFolders.compile(rules);
        try {
            Check check = check(new ScenarioRecords(orderDependent, rules), orderDependent, seed);
            assertThat(check.scenarios()).isEqualTo(1);
            assertThat(check.differences()).singleElement().asString()
                    .startsWith(RuleFolders.FIXTURE_SCENARIO + ": ").contains("seen ");
        } finally {
            orderDependent.retire();
        }
    }

    /** How many scenarios were run, and one line per scenario whose findings or fired rules differ. */
    private record Check(int scenarios, List<String> differences) {
    }

    /**
     * The check: each scenario record evaluated with its facts shuffled by {@code seed}, against its evaluation in the
     * mapping's order (the records' own, made once per JVM for the bundled rules).
     */
    private static Check check(ScenarioRecords records, RuleSet rules, long seed) {
        ScenarioRunner shuffled = new ScenarioRunner(shuffling(seed));
        List<String> differences = new ArrayList<>();
        for (ScenarioRecords.Record record : records.records()) {
            List<String> expected = outcome(record.evaluation());
            List<String> actual = outcome(shuffled.evaluate(rules, record.scenario(), record.data()));
            if (!expected.equals(actual)) {
                differences.add(record.file() + ": " + expected + " in order, " + actual + " shuffled");
            }
        }
        return new Check(records.records().size(), differences);
    }

    private static PatientEvaluator shuffling(long seed) {
        Random random = new Random(seed);
        UnaryOperator<List<Object>> shuffle = facts -> {
            List<Object> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            return shuffled;
        };
        return EvaluationAssembly.standalone(new RuleEvaluator(shuffle));
    }

    /** What an evaluation produced, order aside: its findings (as a scenario's diff gives them) and the rules fired. */
    private static List<String> outcome(PatientEvaluator.Result result) {
        List<String> outcome = new ArrayList<>(result.findings().stream().map(ExpectedFinding::describe).sorted().toList());
        outcome.add("fired: " + result.firedRules().stream().map(RuleInfo::id).distinct().sorted().toList());
        return outcome;
    }
}
