package org.allcds.engine;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reload: the new set was {@code LOADED}, the folder was {@code UNCHANGED} (same content hash as
 * the set serving), or it was {@code REFUSED} and the previous set keeps serving. A refusal carries its reason: the
 * compile errors, or the failed scenarios with their diffs.
 */
public record ReloadAttempt(Outcome outcome, Instant at, String trigger, String reason, List<RuleProblem> problems,
                     List<RuleSetGate.Failure> failedScenarios) {

    public enum Outcome { LOADED, UNCHANGED, REFUSED }

    public ReloadAttempt {
        problems = List.copyOf(problems);
        failedScenarios = List.copyOf(failedScenarios);
    }

    static ReloadAttempt done(Outcome outcome, Instant at, String trigger) {
        return new ReloadAttempt(outcome, at, trigger, null, List.of(), List.of());
    }

    public boolean refused() {
        return outcome == Outcome.REFUSED;
    }
}
