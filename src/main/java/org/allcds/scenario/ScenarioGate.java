package org.allcds.scenario;

import java.nio.file.Path;
import java.util.List;
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

    /**
     * Fails when the folder holds no scenario at all: a folder whose {@code tests/} was moved away or not copied would
     * otherwise pass with "0 passed, 0 failed", and serve rules nothing has checked.
     */
    @Override
    public Verdict check(RuleSet candidate, Path folder) {
        Report report = runner.runAll(candidate, folder);
        if (report.results().isEmpty()) {
            return new Verdict(report.summaryLine(), List.of(new Failure("tests/", "no author scenarios",
                    "the folder's tests/ holds no author scenario; a rule set is served only once its scenarios pass")));
        }
        return new Verdict(report.summaryLine(), report.results().stream().filter(r -> !r.passed())
                .map(r -> new Failure(r.file(), r.name(), r.failureReport())).toList());
    }
}
