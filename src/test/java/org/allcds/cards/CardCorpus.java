package org.allcds.cards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleSet;
import org.allcds.facts.EvaluationTime;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.hooks.CdsResponse;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.scenario.BundledScenarios;
import org.allcds.scenario.Scenario;
import org.allcds.scenario.ScenarioReader;
import org.allcds.scenario.ScenarioRunner;
import org.allcds.system.EvaluationAssembly;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The responses the bundled rules give for every author scenario ({@code rules/tests/}) and every worked-example request
 * ({@code fhir-profiles/requests/}), rendered as the service renders them: the corpus the card tests measure.
 */
public final class CardCorpus implements AutoCloseable {

    static final Path REQUESTS = Path.of("fhir-profiles/requests");

    /** One response: where its input came from, the service, and the cards. */
    public record Entry(String name, String service, CdsResponse response) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static List<Entry> shared;
    private final RuleSet ruleSet;
    /** The evaluator the author commands use: the service's own assembly and settings. */
    private final PatientEvaluator evaluator = EvaluationAssembly.standalone();
    private final ScenarioRunner scenarios = new ScenarioRunner(evaluator);

    CardCorpus() {
        ruleSet = BundledRuleSet.get(); // shared by the JVM's tests: never retired here
    }

    /** The entries, rendered once for every test class of the JVM that only reads them. */
    public static synchronized List<Entry> shared() {
        if (shared == null) {
            shared = List.copyOf(new CardCorpus().entries());
        }
        return shared;
    }

    /** The shared response to one corpus entry, by its name ("tests/relapse/worked-example-c.yaml"). */
    static CdsResponse responseTo(String name) {
        return shared().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().response();
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (ScenarioReader.Parsed parsed : BundledScenarios.parsed()) {
            Scenario s = parsed.scenario();
            if (s == null) {
                throw new IllegalStateException(parsed.problem());
            }
            PatientData data = scenarios.data(s);
            out.add(new Entry(s.file(), s.service(), respond(s.service(), new PatientEvaluator.Input(data,
                    EvaluationTimes.parse(s.evaluationTime()), patientId(data, null), ScenarioRunner.context(s)))));
        }
        for (Path file : requestFiles()) {
            JsonNode request = read(file);
            PatientData data = new PatientData(new LocalPrefetch().prefetch(request.get("prefetch")));
            String service = file.getFileName().toString().replaceFirst("-example-.*", "");
            EvaluationTime at = EvaluationTimes.parse(request.path("extension").path("org.allcds").path("evaluationTime").asString());
            out.add(new Entry("requests/" + file.getFileName(), service, respond(service, new PatientEvaluator.Input(data, at,
                    request.path("context").path("patientId").asString(), request.get("context")))));
        }
        return out;
    }

    /** The hook's context goes in too: an order-sign request's draft orders are what its cards are about. */
    CdsResponse respond(String serviceId, PatientEvaluator.Input input) {
        ServiceDefinition service = ruleSet.services().find(serviceId).orElseThrow();
        return evaluator.evaluate(ruleSet, service, input).response();
    }

    static List<Path> requestFiles() {
        try (Stream<Path> files = Files.list(REQUESTS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String patientId(PatientData data, String fallback) {
        return data.resources().stream().filter(Patient.class::isInstance).map(Resource::getIdElement)
                .map(id -> id.getIdPart()).findFirst().orElse(fallback);
    }

    @Override
    public void close() {
        // the rule set is the JVM's shared one (BundledRuleSet); nothing of this corpus needs disposing
    }
}
