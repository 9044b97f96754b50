package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.facts.EvaluationTime;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After warm-up, calls load no class and look none up in vain. A class lookup on the request path goes to the jar (an
 * MVEL expression resolving a name, a Drools class loader asked for a class that does not exist) and costs far more
 * than the evaluation itself; a failed lookup loads nothing but throws a ClassNotFoundException. Both are recorded with
 * the JDK's flight recorder, on the calling thread only, around batches of whole in-process calls (parse, map,
 * evaluate with a pooled session, render) of every example request.
 */
class WarmPathClassLoadingTest {

    private static final int WARM_UP_ROUNDS = 40;
    private static final int BATCHES = 3;
    private static final int ROUNDS_PER_BATCH = 5;

    private static RuleSet ruleSet;
    private final PatientEvaluator patients = EvaluationAssembly.standalone();
    private final LocalPrefetch prefetch = new LocalPrefetch();

    private record Call(String service, JsonNode prefetch, EvaluationTime at, String patientId) {
    }

    @BeforeAll
    static void compile() {
        ruleSet = BundledRuleSet.get();
    }

    @Test
    void aWarmCallLoadsNoClass(@TempDir Path tmp) throws IOException {
        List<Call> calls = exampleCalls();
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            calls.forEach(this::call);
        }
        List<Set<String>> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            batches.add(recorded(tmp.resolve("batch" + b + ".jfr"), () -> {
                for (int i = 0; i < ROUNDS_PER_BATCH; i++) {
                    calls.forEach(this::call);
                }
            }));
        }
        // A one-off load (the JIT deoptimising a method and the interpreter resolving a class it had never needed)
        // shows in one batch; a load that the calls themselves cause shows in every batch it had the chance to.
        List<String> recurring = batches.get(0).stream()
                .filter(event -> batches.stream().skip(1).anyMatch(batch -> batch.contains(event))).sorted().toList();
        assertThat(recurring).as("class loading or failed class lookups on a warm request path").isEmpty();
    }

    @Test
    void theProbeSeesAFailedLookup(@TempDir Path tmp) throws IOException {
        Set<String> events = recorded(tmp.resolve("probe.jfr"), () -> {
            try {
                Class.forName("org.allcds.facts.NoSuchFact", false, getClass().getClassLoader());
            } catch (ClassNotFoundException expected) {
                // the event is what counts
            }
        });
        assertThat(events).anyMatch(e -> e.contains("ClassNotFoundException") && e.contains("NoSuchFact"));
    }

    /** Class loads, definitions and thrown exceptions on this thread while {@code work} runs. */
    private static Set<String> recorded(Path file, Runnable work) throws IOException {
        Instant from;
        Instant to;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ClassLoad").withStackTrace();
            recording.enable("jdk.ClassDefine").withStackTrace();
            recording.enable("jdk.JavaExceptionThrow").withStackTrace();
            recording.start();
            from = Instant.now();
            work.run();
            to = Instant.now();
            recording.stop();
            recording.dump(file);
        }
        long self = Thread.currentThread().getId();
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == self)
                .filter(e -> !e.getStartTime().isBefore(from) && !e.getStartTime().isAfter(to))
                .map(WarmPathClassLoadingTest::describe)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(RecordedEvent e) {
        String what = e.getEventType().getName().equals("jdk.JavaExceptionThrow")
                ? e.getClass("thrownClass").getName() + ": " + e.getString("message")
                : e.getClass(e.hasField("loadedClass") ? "loadedClass" : "definedClass").getName();
        String where = e.getStackTrace() == null ? "" : e.getStackTrace().getFrames().stream().limit(12)
                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                .reduce((a, b) -> a + " < " + b).orElse("");
        return e.getEventType().getName() + " " + what + " at " + where;
    }

    private void call(Call call) {
        ServiceDefinition service = ruleSet.services().find(call.service()).orElseThrow();
        PatientData data = new PatientData(prefetch.prefetch(call.prefetch()));
        patients.evaluate(ruleSet, service, new PatientEvaluator.Input(data, call.at(), call.patientId(), null));
    }

    private static List<Call> exampleCalls() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Call> calls = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("fhir-profiles/requests"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode request = json.readTree(file.toFile());
                String service = file.getFileName().toString().replaceFirst("-example-.*", "");
                EvaluationTime at = EvaluationTimes.parse(request.at("/extension/org.allcds/evaluationTime").asString());
                calls.add(new Call(service, request.get("prefetch"), at, request.at("/context/patientId").asString()));
            }
        }
        assertThat(calls).hasSizeGreaterThanOrEqualTo(2);
        return calls;
    }
}
