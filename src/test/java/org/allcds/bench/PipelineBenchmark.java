package org.allcds.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.allcds.cards.CardProperties;
import org.allcds.cards.CardRenderer;
import org.allcds.cards.SuggestionFactory;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.Evaluation;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleEvaluator;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetSource;
import org.allcds.facts.EvaluationTime;
import org.allcds.hooks.Card;
import org.allcds.mapping.FactMapper;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.system.EvaluationAssembly;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The in-process cost of one service call on the README example, by stage: FHIR parsing of the prefetch, mapping to
 * facts, rule evaluation (a session from the rule set's pool with its provenance listener), and card rendering; and the
 * whole call through the service's evaluator on worked examples A and C.
 * Run with {@code bench/jmh.sh}; figures in {@code bench/RESULTS.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {

    private RuleSet ruleSet;
    private final FactMapper mapper = new FactMapper();
    private final RuleEvaluator evaluator = new RuleEvaluator();
    private final CardRenderer renderer = new CardRenderer(new CardProperties("ALL-CDS", "https://all-cds.org"), SuggestionFactory.NONE);
    private final IParser parser = FhirContext.forR4Cached().newJsonParser();
    private final EvaluationTime at = new EvaluationTime(java.time.LocalDate.of(2024, 7, 18), "2024-07-18");
    private List<String> prefetchJson;
    private PatientData data;
    private List<Object> facts;
    private Evaluation evaluation;
    private Set<String> packages;
    private final PatientEvaluator patients = EvaluationAssembly.standalone();
    private final LocalPrefetch local = new LocalPrefetch();
    private ServiceDefinition risk;
    private ServiceDefinition relapse;
    private JsonNode relapsePrefetch;
    private String riskPatient;
    private String relapsePatient;
    private EvaluationTime relapseAt;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ruleSet = new RuleCompiler(Clock.systemUTC()).compile(RuleSetSource.read(Path.of("rules"))).ruleSet();
        packages = Set.copyOf(ruleSet.services().find("ped-all-risk").orElseThrow().rulePackages());
        JsonNode request = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("fhir-profiles/requests/ped-all-risk-example-a.json")));
        prefetchJson = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : request.get("prefetch").properties()) {
            if (!e.getValue().isNull()) {
                prefetchJson.add(e.getValue().toString());
            }
        }
        JsonNode relapseRequest = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("fhir-profiles/requests/ped-all-relapse-example-c.json")));
        relapsePrefetch = relapseRequest.get("prefetch");
        relapsePatient = relapseRequest.at("/context/patientId").asString();
        riskPatient = request.at("/context/patientId").asString();
        relapseAt = EvaluationTimes.parse(relapseRequest.at("/extension/org.allcds/evaluationTime").asString());
        risk = ruleSet.services().find("ped-all-risk").orElseThrow();
        relapse = ruleSet.services().find("ped-all-relapse").orElseThrow();
        data = parse();
        facts = facts();
        evaluation = evaluate();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ruleSet.retire();
    }

    @Benchmark
    public PatientData parse() {
        List<Resource> resources = new ArrayList<>();
        for (String json : prefetchJson) {
            Resource r = (Resource) parser.parseResource(json);
            if (r instanceof Bundle b) {
                b.getEntry().forEach(e -> resources.add(e.getResource()));
            } else {
                resources.add(r);
            }
        }
        return new PatientData(resources);
    }

    @Benchmark
    public List<Object> facts() {
        List<Object> f = new ArrayList<>(mapper.map(data, at.date()));
        f.add(at);
        f.add(ruleSet.config());
        return f;
    }

    @Benchmark
    public Evaluation evaluate() {
        return evaluator.evaluate(ruleSet, packages, facts);
    }

    @Benchmark
    public List<Card> render() {
        return renderer.render(evaluation.findings(), new CardRenderer.Context(ruleSet.version(), ruleSet.hash(), at, "p"));
    }

    /** The whole in-process call as the server makes it (pooled session), worked example A. */
    @Benchmark
    public List<Card> wholeCall() {
        return patients.evaluate(ruleSet, risk, new PatientEvaluator.Input(parse(), at, riskPatient, null)).cards();
    }

    /** The whole in-process call on the larger relapse request of the HTTP benchmark (worked example C). */
    @Benchmark
    public List<Card> wholeCallRelapse() {
        PatientData d = new PatientData(local.prefetch(relapsePrefetch));
        return patients.evaluate(ruleSet, relapse, new PatientEvaluator.Input(d, relapseAt, relapsePatient, null)).cards();
    }
}
