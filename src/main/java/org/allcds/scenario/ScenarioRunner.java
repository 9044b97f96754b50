package org.allcds.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.Evaluation;
import org.allcds.engine.FindingVocabulary;
import org.allcds.engine.RuleInfo;
import org.allcds.engine.RuleSet;
import org.allcds.facts.EvaluationTime;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.facts.OrderKind;
import org.allcds.mapping.CalendarZone;
import org.allcds.pipeline.DraftOrderScope;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.HookPipeline;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import tools.jackson.databind.JsonNode;

/**
 * Runs author scenarios against a rule set: the scenario's FHIR data goes through the service's own
 * {@link PatientEvaluator} (data checks, mapping, rules), and the findings are compared with the expectation. Needs no
 * Spring and no network.
 */
public final class ScenarioRunner {

    private final PatientEvaluator evaluator;
    private final LocalPrefetch local = new LocalPrefetch();
    private static final tools.jackson.databind.json.JsonMapper REQUESTS = tools.jackson.databind.json.JsonMapper.builder().build();
    private final ScenarioReader reader = new ScenarioReader();
    /** The scenarios as last parsed, reused while their files are unchanged. */
    private final ParsedScenarios parsed = new ParsedScenarios(reader);
    /**
     * Each scenario's record as this runner's evaluator last prepared it, kept while the scenario (a parse reused only
     * while its text is unchanged) and the data file it names are unchanged: the record's part of an evaluation (the
     * FHIR parse, the integrity step, the mapping) depends on neither the rule set nor the service, and was two fifths
     * of the reload gate.
     */
    private final Map<Scenario, Prepared> prepared = Collections.synchronizedMap(new IdentityHashMap<>());

    /** A scenario's prepared record and hook context, with the text of the data file they were read from (or null). */
    private record Prepared(String dataFile, PatientEvaluator.PreparedRecord record, JsonNode context) {
    }
    private Reading preparing;

    /** A reading ahead ({@link #prepare}) and the flag that stops it before its next file. */
    private record Reading(CompletableFuture<Void> done, AtomicBoolean stop) {
    }

    /**
     * Scenarios read their dates as written whatever the site's {@code allcds.dates.time-zone}: like their evaluation
     * time, what they expect must not depend on where they run (the reload gate runs them with the service's evaluator).
     */
    public ScenarioRunner(PatientEvaluator evaluator) {
        this.evaluator = evaluator.inZone(CalendarZone.AS_WRITTEN);
    }

    /**
     * Every scenario under {@code rulesDir/tests/}, run against {@code ruleSet}, in file order. Scenarios are independent
     * (each has its own data and session), so they are read and run on one thread per core: the reload gate and
     * {@code test} wait for all of them, and on a small machine that wait was one core's work with the other idle.
     */
    public Report runAll(RuleSet ruleSet, Path rulesDir) {
        stopPreparing();
        List<Path> files = reader.files(rulesDir);
        String bases = ParsedScenarios.bases(rulesDir);
        List<ScenarioReader.Parsed> all = inParallel(files, file -> parsed.get(rulesDir, file, bases));
        Report report = new Report(inParallel(all, p -> run(ruleSet, p)));
        parsed.keepOnly(files);
        Set<Scenario> current = Collections.newSetFromMap(new IdentityHashMap<>());
        all.stream().map(ScenarioReader.Parsed::scenario).filter(Objects::nonNull).forEach(current::add);
        prepared.keySet().retainAll(current);
        return report;
    }

    /**
     * Starts reading the folder's scenarios on a thread of its own and returns at once, so that a later
     * {@link #runAll} finds them parsed ({@link ParsedScenarios}): the reload gate calls it when a reload starts, and
     * the reading then runs beside the DRL compile, which uses one core. {@code runAll} stops a reading in progress
     * after its current file and reads the rest itself, on every core; a reading that fails only leaves the files to
     * be read by {@code runAll}.
     */
    public void prepare(Path rulesDir) {
        synchronized (this) {
            if (preparing != null && !preparing.done().isDone()) {
                return;
            }
            AtomicBoolean stop = new AtomicBoolean();
            preparing = new Reading(CompletableFuture.runAsync(() -> {
                List<Path> files = reader.files(rulesDir);
                String bases = ParsedScenarios.bases(rulesDir);
                for (Path file : files) {
                    if (stop.get()) {
                        return;
                    }
                    prepareRecord(parsed.get(rulesDir, file, bases));
                }
            }, runnable -> {
                Thread t = new Thread(runnable, "scenarios-read");
                t.setDaemon(true);
                t.start();
            }), stop);
        }
    }

    /** Stops a reading ahead after its current file and waits for that file: none is parsed twice at once. */
    private void stopPreparing() {
        Reading reading;
        synchronized (this) {
            reading = preparing;
        }
        if (reading == null) {
            return;
        }
        reading.stop().set(true);
        try {
            reading.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the scenarios", e);
        } catch (ExecutionException e) {
            // only a head start: runAll reads what it needs itself
        }
    }

    /** A scenario's record prepared ahead; one that cannot be is left to the run, which reports why. */
    private void prepareRecord(ScenarioReader.Parsed parsed) {
        if (parsed.scenario() == null) {
            return;
        }
        try {
            prepared(parsed.scenario());
        } catch (RuntimeException e) {
            // reported by the scenario's run
        }
    }

    private ScenarioResult run(RuleSet ruleSet, ScenarioReader.Parsed parsed) {
        return parsed.scenario() == null
                ? ScenarioResult.broken(parsed.file(), parsed.file(), parsed.problem())
                : run(ruleSet, parsed.scenario());
    }

    /** {@code task} applied to each item on up to one thread per core; the results in the items' order. */
    static <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            return items.stream().map(task).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "scenarios");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = items.stream().map(item -> pool.submit(() -> task.apply(item))).toList();
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running the scenarios", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The scenarios of a folder, parsed (for test runners that show one test per scenario). */
    public List<ScenarioReader.Parsed> scenarios(Path rulesDir) {
        return reader.readAll(rulesDir);
    }

    public ScenarioResult run(RuleSet ruleSet, Scenario s) {
        try {
            Optional<ServiceDefinition> service = ruleSet.services().find(s.service());
            if (service.isEmpty()) {
                return ScenarioResult.broken(s.file(), s.name(), "unknown service '" + s.service() + "' (the services: "
                        + ruleSet.services().services().stream().map(ServiceDefinition::id).collect(Collectors.joining(", "))
                        + ")");
            }
            String refused = neverMatching(ruleSet, service.get(), s);
            if (refused == null && DraftOrderScope.applies(service.get().hook())) {
                refused = contextRefused(service.get(), s);
            }
            if (refused != null) {
                return ScenarioResult.broken(s.file(), s.name(), refused);
            }
            Prepared record = prepared(s);
            PatientEvaluator.Result result = evaluator.evaluate(ruleSet, service.get(), record.record(), record.context());
            String noOrder = nothingToCheck(service.get(), s, result);
            return noOrder != null ? ScenarioResult.broken(s.file(), s.name(), noOrder)
                    : compare(s, result, ruleSet.findings(), service.get());
        } catch (RuntimeException e) {
            return ScenarioResult.broken(s.file(), s.name(), "could not run: " + e.getMessage());
        }
    }

    /**
     * An excluded finding outside the findings vocabulary, or one no rule creates, is excluded whatever the rules do,
     * so the scenario is refused. An expected one fails anyway; {@link #compare} then says why it cannot be produced.
     */
    private static String neverMatching(RuleSet ruleSet, ServiceDefinition service, Scenario s) {
        for (ExpectedFinding e : s.excludes()) {
            String why = whyNever(e, ruleSet.findings(), service);
            if (why != null) {
                return "expect.excludes {" + e.describe() + "} can never match: " + why;
            }
        }
        return null;
    }

    /** The hook context as the service itself would check it: without draftOrders it answers 400, not "no findings". */
    private static String contextRefused(ServiceDefinition service, Scenario s) {
        try {
            HookPipeline.checkContext(service.hook(), context(s));
            return null;
        } catch (InvalidCdsRequestException e) {
            return "input.context: the service would refuse this call (400): " + e.getMessage();
        }
    }

    /**
     * {@code findings: []} on an order hook passes when no order is one the checks know (a code typo makes a CAR-T
     * order OTHER), so it needs such an order, or {@code noCheckedOrder: true} when that is the point.
     */
    private static String nothingToCheck(ServiceDefinition service, Scenario s, PatientEvaluator.Result result) {
        boolean checked = result.draftOrders().stream().anyMatch(o -> o.kind() != OrderKind.OTHER);
        if (!DraftOrderScope.applies(service.hook()) || s.findings() == null || !s.findings().isEmpty()
                || checked == !s.noCheckedOrder()) {
            return null;
        }
        return checked ? "expect." + ScenarioReader.NO_CHECKED_ORDER + " is true, but a draft order is one the order"
                + " checks know" : "expects no findings, but no draft order is one the order checks know ("
                + result.draftOrders().size() + " draft order(s) of the patient); check the order codes, or say that"
                + " this is meant with expect." + ScenarioReader.NO_CHECKED_ORDER + ": true";
    }

    /**
     * The scenario's service, evaluation time and hook context applied to {@code data}: the scenario's own
     * ({@link #data}) or a variation of it, for checks that change a record and compare.
     */
    public PatientEvaluator.Result evaluate(RuleSet ruleSet, Scenario s, PatientData data) {
        ServiceDefinition service = ruleSet.services().find(s.service())
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + s.service() + "'"));
        EvaluationTime at = EvaluationTimes.parse(s.evaluationTime());
        return evaluator.evaluate(ruleSet, service, new PatientEvaluator.Input(data, at, null, context(s)));
    }

    /** The patient data a scenario's {@code input} describes, read as a request's prefetch would be. */
    public PatientData data(Scenario s) {
        return data(s, dataFile(s));
    }

    /** The hook context: the request file's, or the scenario's own {@code input.context}; null when neither. */
    public static JsonNode context(Scenario s) {
        JsonNode input = s.input();
        return context(s, input.has("requestFile") && !input.has("context") ? read(s, input.get("requestFile").asString()) : null);
    }

    /** The scenario's record, prepared again only when the scenario or the text of its data file changed. */
    private Prepared prepared(Scenario s) {
        String dataFile = dataFile(s);
        Prepared kept = prepared.get(s);
        if (kept != null && Objects.equals(kept.dataFile(), dataFile)) {
            return kept;
        }
        EvaluationTime at = EvaluationTimes.parse(s.evaluationTime());
        JsonNode context = context(s, dataFile);
        Prepared fresh = new Prepared(dataFile,
                evaluator.prepare(new PatientEvaluator.Input(data(s, dataFile), at, null, context)), context);
        prepared.put(s, fresh);
        return fresh;
    }

    /** The record kept for the scenario in {@code file}, or null (for tests: that an unchanged one is kept). */
    PatientEvaluator.PreparedRecord keptRecord(Path rulesDir, Path file) {
        Prepared kept = prepared.get(parsed.get(rulesDir, file, ParsedScenarios.bases(rulesDir)).scenario());
        return kept == null ? null : kept.record();
    }

    /** The text of the file the scenario's input names ({@code bundleFile} or {@code requestFile}); null when none. */
    private static String dataFile(Scenario s) {
        JsonNode input = s.input();
        for (String key : List.of("bundleFile", "requestFile")) {
            if (input.has(key)) {
                return read(s, input.get(key).asString());
            }
        }
        return null;
    }

    private PatientData data(Scenario s, String dataFile) {
        JsonNode input = s.input();
        if (input.has("bundle")) {
            return new PatientData(local.resources(input.get("bundle"), "input.bundle"));
        }
        if (input.has("bundleFile")) {
            return new PatientData(local.resources(REQUESTS.readTree(dataFile), "input.bundleFile"));
        }
        if (input.has("prefetch")) {
            return new PatientData(local.prefetch(input.get("prefetch")));
        }
        if (input.has("requestFile")) {
            return new PatientData(local.prefetch(REQUESTS.readTree(dataFile).get("prefetch")));
        }
        throw new IllegalArgumentException("input needs one of bundle, bundleFile, prefetch or requestFile");
    }

    private static JsonNode context(Scenario s, String dataFile) {
        JsonNode input = s.input();
        if (input.has("context")) {
            return input.get("context");
        }
        return input.has("requestFile") ? REQUESTS.readTree(dataFile).get("context") : null;
    }

    private static String read(Scenario s, String relative) {
        try {
            return Files.readString(s.path().resolveSibling(relative));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + relative);
        }
    }

    private static String whyNever(ExpectedFinding e, FindingVocabulary vocabulary, ServiceDefinition service) {
        return vocabulary.whyNever(e.type(), e.scheme(), e.value(), e.candidates(), e.missing(), service);
    }

    private static String notProduced(ExpectedFinding e, FindingVocabulary vocabulary, ServiceDefinition service) {
        String why = whyNever(e, vocabulary, service);
        return "  - expected, not produced: " + e.describe() + (why == null ? "" : " (it never can be: " + why + ")");
    }

    static ScenarioResult compare(Scenario s, PatientEvaluator.Result evaluation, FindingVocabulary vocabulary,
                                  ServiceDefinition service) {
        List<Evaluation.ExplainedFinding> actual = evaluation.findings();
        List<String> fired = evaluation.firedRules().stream().map(RuleInfo::id).distinct().sorted().toList();
        List<String> problems = new ArrayList<>();
        // Withheld findings could make a scenario that only excludes findings pass: an inconsistency always fails it
        evaluation.inconsistencies().forEach(i -> problems.add("  ! inconsistent evaluation, findings withheld: " + i));
        if (s.findings() != null) {
            s.findings().stream().filter(e -> actual.stream().noneMatch(e::matches))
                    .forEach(e -> problems.add(notProduced(e, vocabulary, service)));
            actual.stream().filter(a -> s.findings().stream().noneMatch(e -> e.matches(a)))
                    .forEach(a -> problems.add("  + produced, not expected: " + ExpectedFinding.describe(a)));
        }
        s.includes().stream().filter(e -> actual.stream().noneMatch(e::matches))
                .forEach(e -> problems.add(notProduced(e, vocabulary, service)));
        Stream.concat(s.findings() == null ? Stream.empty() : s.findings().stream(), s.includes().stream())
                .map(e -> e.summaryMismatch(actual)).filter(Objects::nonNull).forEach(problems::add);
        s.excludes().stream().filter(e -> actual.stream().anyMatch(e::matches))
                .forEach(e -> problems.add("  + excluded, but produced: " + e.describe()));
        s.rulesFired().stream().filter(id -> !fired.contains(id))
                .forEach(id -> problems.add("  - rule expected to fire, did not: " + id));
        List<String> actualText = actual.stream().map(ExpectedFinding::describe).sorted().toList();
        if (problems.isEmpty()) {
            return new ScenarioResult(s.file(), s.name(), true, "", actualText, fired);
        }
        String diff = "FAILED " + s.file() + " (" + s.name() + ")\n" + String.join("\n", problems)
                + "\n  actual findings:\n" + actualText.stream().map(a -> "    " + a).collect(Collectors.joining("\n"))
                + "\n  rules fired: " + String.join(", ", fired);
        return new ScenarioResult(s.file(), s.name(), false, diff, actualText, fired);
    }
}
