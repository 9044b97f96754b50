package org.allcds.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetSource;
import org.allcds.facts.EvaluationTime;
import org.allcds.fixtures.RepeatedResults;
import org.allcds.hooks.Card;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.system.EvaluationAssembly;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole in-process call (prefetch read from its JSON tree, integrity, mapping, rules, cards) on worked example A
 * with each of its Observations sent {@code copies} times more, under the service's own heap settings: how the cost
 * grows with the record ({@link RepeatedResults}: a long course, or a feed that repeats results, where results of one
 * time are compared with each other). Run with {@code bench/jmh.sh LongRecordBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Xmn128m", "-XX:+UseSerialGC"})
public class LongRecordBenchmark {

    @Param({"100", "1000", "4000"})
    public int copies;

    @Param({"DAILY", "SAME_TIME"})
    public String dates;

    private RuleSet ruleSet;
    private ServiceDefinition risk;
    private final PatientEvaluator patients = EvaluationAssembly.standalone();
    private final LocalPrefetch local = new LocalPrefetch();
    private JsonNode prefetch;
    private String patient;
    private EvaluationTime at;

    @Setup(Level.Trial)
    public void setUp() {
        ruleSet = new RuleCompiler(Clock.systemUTC()).compile(RuleSetSource.read(Path.of("rules"))).ruleSet();
        risk = ruleSet.services().find("ped-all-risk").orElseThrow();
        ObjectNode request = RepeatedResults.request(copies, RepeatedResults.Dates.valueOf(dates));
        patient = request.at("/context/patientId").asString();
        at = EvaluationTimes.parse(request.at("/extension/org.allcds/evaluationTime").asString());
        prefetch = request.get("prefetch");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ruleSet.retire();
    }

    @Benchmark
    public List<Card> wholeCall() {
        PatientData data = new PatientData(local.prefetch(prefetch));
        return patients.evaluate(ruleSet, risk, new PatientEvaluator.Input(data, at, patient, null)).cards();
    }
}
