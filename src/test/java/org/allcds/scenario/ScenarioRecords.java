package org.allcds.scenario;

import java.nio.file.Path;
import java.util.List;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleSet;
import org.allcds.facts.Finding;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.PatientData;
import org.allcds.system.EvaluationAssembly;
import org.hl7.fhir.r4.model.Resource;

/**
 * The author scenarios of a rule folder as patient records to vary: each readable scenario whose service the rule set
 * has, with its data and its own evaluation, and its evaluation as the scenario says (service, evaluation time, context)
 * on other data. Unreadable scenarios and unknown services are ScenarioSuiteTest's failures, not these checks'. The
 * bundled rules' records are read and evaluated once per JVM ({@link #bundled}) for every check that varies them or
 * reads the corpus's findings.
 */
final class ScenarioRecords {

    /** One scenario's record: its file (relative to the folder), the scenario, its data and their evaluation. */
    record Record(String file, Scenario scenario, PatientData data, PatientEvaluator.Result evaluation) {

        List<ExplainedFinding> findings() {
            return evaluation.findings();
        }
    }

    private final ScenarioRunner runner = new ScenarioRunner(EvaluationAssembly.standalone());
    private final RuleSet rules;
    private final List<Record> records;

    /** Every scenario of {@code rulesDir}. */
    ScenarioRecords(RuleSet rules, Path rulesDir) {
        this(rules, new ScenarioReader().readAll(rulesDir));
    }

    /** The scenarios given, as read from their folder. */
    ScenarioRecords(RuleSet rules, List<ScenarioReader.Parsed> scenarios) {
        this.rules = rules;
        this.records = scenarios.stream()
                .filter(parsed -> parsed.scenario() != null && rules.services().find(parsed.scenario().service()).isPresent())
                .map(parsed -> {
                    PatientData data = runner.data(parsed.scenario());
                    return new Record(parsed.file(), parsed.scenario(), data, runner.evaluate(rules, parsed.scenario(), data));
                })
                .toList();
    }

    /** The bundled rule set's scenarios ({@code rules/}). */
    static ScenarioRecords bundled() {
        return Bundled.RECORDS;
    }

    private static final class Bundled {
        static final ScenarioRecords RECORDS = new ScenarioRecords(BundledRuleSet.get(), BundledScenarios.parsed());
    }

    List<Record> records() {
        return records;
    }

    /** The findings of the scenario in {@code file} (relative to the folder), as its own evaluation gave them. */
    List<ExplainedFinding> findingsOf(String file) {
        return records.stream().filter(r -> r.file().equals(file)).findFirst().orElseThrow().findings();
    }

    /** The findings of the record's scenario evaluated on {@code resources} instead of its own data. */
    List<ExplainedFinding> findings(Record record, List<Resource> resources) {
        return runner.evaluate(rules, record.scenario(), new PatientData(resources)).findings();
    }

    /** What the scenario's evaluation on {@code resources} says clinically ({@link #clinical(List)}). */
    List<String> clinical(Record record, List<Resource> resources) {
        return clinical(findings(record, resources));
    }

    /**
     * What findings say clinically: each but data-quality ones (which report what was left out) as type, scheme, value
     * and the inputs named missing, sorted.
     */
    static List<String> clinical(List<ExplainedFinding> findings) {
        return findings.stream().map(ExplainedFinding::finding).filter(f -> !f.type().equals("data-quality"))
                .map(f -> key(f) + " " + f.value() + (f.missing().isEmpty() ? "" : " missing " + f.missing()))
                .sorted().toList();
    }

    /** A finding's type and scheme, as data-contract §4 lists them ("-" for no scheme). */
    static String key(Finding f) {
        return f.type() + " " + (f.scheme() == null ? "-" : f.scheme());
    }
}
