package org.allcds.scenario;

import java.nio.file.Path;
import java.util.List;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleSet;
import org.allcds.prefetch.PatientData;
import org.allcds.system.EvaluationAssembly;
import org.hl7.fhir.r4.model.Resource;

/**
 * The author scenarios of a rule folder as patient records to vary: each readable scenario whose service the rule set
 * has, with its data, evaluated as the scenario says (service, evaluation time, context) on its own data or on other
 * data. Unreadable scenarios and unknown services are ScenarioSuiteTest's failures, not these checks'.
 */
final class ScenarioRecords {

    /** One scenario's record: its file (relative to the folder), the scenario and its data. */
    record Record(String file, Scenario scenario, PatientData data) {
    }

    private final ScenarioRunner runner = new ScenarioRunner(EvaluationAssembly.standalone());
    private final RuleSet rules;

    ScenarioRecords(RuleSet rules) {
        this.rules = rules;
    }

    List<Record> of(Path rulesDir) {
        return runner.scenarios(rulesDir).stream()
                .filter(parsed -> parsed.scenario() != null && rules.services().find(parsed.scenario().service()).isPresent())
                .map(parsed -> new Record(parsed.file(), parsed.scenario(), runner.data(parsed.scenario())))
                .toList();
    }

    /** The findings of the record's scenario evaluated on {@code resources} instead of its own data. */
    List<ExplainedFinding> findings(Record record, List<Resource> resources) {
        return runner.evaluate(rules, record.scenario(), new PatientData(resources)).findings();
    }

    /**
     * What the scenario's evaluation on {@code resources} says clinically: each finding but data-quality ones (which
     * report what was left out) as type, scheme, value and the inputs named missing, sorted.
     */
    List<String> clinical(Record record, List<Resource> resources) {
        return findings(record, resources).stream().map(ExplainedFinding::finding).filter(f -> !f.type().equals("data-quality"))
                .map(f -> f.type() + " " + (f.scheme() == null ? "-" : f.scheme()) + " " + f.value()
                        + (f.missing().isEmpty() ? "" : " missing " + f.missing()))
                .sorted().toList();
    }
}
