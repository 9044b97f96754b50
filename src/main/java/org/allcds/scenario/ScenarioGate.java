package org.allcds.scenario;

import java.nio.file.Path;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetGate;

/** The reload gate: every author scenario under the folder's {@code tests/} must pass against the candidate set. */
public final class ScenarioGate implements RuleSetGate {

    private final ScenarioRunner runner;

    public ScenarioGate(ScenarioRunner runner) {
        this.runner = runner;
    }

    /** Reads the folder's scenarios while the candidate compiles ({@link ScenarioRunner#prepare}). */
    @Override
    public void prepare(Path folder) {
        runner.prepare(folder);
    }

    @Override
    public Verdict check(RuleSet candidate, Path folder) {
        Report report = runner.runAll(candidate, folder);
        return new Verdict(report.summaryLine(), report.results().stream().filter(r -> !r.passed())
                .map(r -> new Failure(r.file(), r.name(), r.failureReport())).toList());
    }
}
