package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.allcds.engine.RuleSet;
import org.allcds.facts.EvaluationTime;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.fixtures.RepeatedResults;
import org.allcds.fixtures.RepeatedResults.Dates;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work of a call grows with the record in proportion, not with its square: results of one time are found among
 * those of their day, not by comparing every result with every other (a record of years holds thousands of blood
 * counts; a feed may repeat a result many times). Measured as the bytes the call allocates, which, unlike its time,
 * does not depend on the machine: four times the results may cost about four times the bytes, where comparing every
 * pair costs sixteen.
 */
class RecordSizeScalingTest {

    private static final int SMALL = 150;

    /** Worked example A on the risk service, example C (a first relapse) on the relapse service, each way of dating. */
    static Stream<Arguments> records() {
        return Stream.of(Dates.values()).flatMap(dates -> Stream.of(
                Arguments.of(RepeatedResults.EXAMPLE_A, "ped-all-risk", dates),
                Arguments.of(RepeatedResults.EXAMPLE_C, "ped-all-relapse", dates)));
    }

    @ParameterizedTest
    @MethodSource("records")
    void fourTimesTheResults_costAboutFourTimesTheWork(Path example, String service, Dates dates) {
        long small = allocatedByOneCall(example, service, SMALL, dates);
        long large = allocatedByOneCall(example, service, 4 * SMALL, dates);

        assertThat((double) large / small).as("bytes allocated for %d copies of each result against %d (%s, %s)",
                4 * SMALL, SMALL, example.getFileName(), dates).isLessThan(6.0);
    }

    /** The bytes the whole in-process call allocates on the record, after one call that loads and caches what it needs. */
    private static long allocatedByOneCall(Path example, String service, int copies, Dates dates) {
        ObjectNode request = RepeatedResults.request(example, copies, dates);
        PatientData data = new PatientData(new LocalPrefetch().prefetch(request.get("prefetch")));
        EvaluationTime at = EvaluationTimes.parse(request.at("/extension/org.allcds/evaluationTime").asString());
        RuleSet rules = BundledRuleSet.get();
        PatientEvaluator evaluator = EvaluationAssembly.standalone();
        PatientEvaluator.Input input = new PatientEvaluator.Input(data, at, request.at("/context/patientId").asString(), null);
        evaluator.evaluate(rules, rules.services().find(service).orElseThrow(), input);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        evaluator.evaluate(rules, rules.services().find(service).orElseThrow(), input);
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
