package org.allcds.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.allcds.engine.RuleInfo;
import org.allcds.engine.ReloadAttempt;
import org.allcds.engine.RuleProblem;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetGate;

/**
 * {@code GET /admin/rules}: the rule set serving now, with its catalogue, and the last refused reload (absent when no
 * reload has been refused since start). A refusal stays until the next one: compare its {@code at} with
 * {@code loadedAt} to see whether a later reload succeeded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RulesStatus(Loaded loaded, Failure lastFailure) {

    record Loaded(String version, String hash, String loadedAt, int ruleCount, List<Rule> rules) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rule(String id, String part, String version, String source, String url, String description, String name,
                String file) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Failure(String at, String trigger, String reason, List<Problem> problems, List<FailedScenario> failedScenarios) {
    }

    record Problem(String file, int line, int column, String severity, String message) {
        static Problem of(RuleProblem p) {
            return new Problem(p.file(), p.line(), p.column(), p.severity().name().toLowerCase(), p.message());
        }
    }

    record FailedScenario(String file, String name, String diff) {
        static FailedScenario of(RuleSetGate.Failure f) {
            return new FailedScenario(f.file(), f.name(), f.diff());
        }
    }

    /** Call while holding {@code ruleSet} (rule metadata is read from its KieBase). */
    static RulesStatus of(RuleSet ruleSet, ReloadAttempt failure) {
        List<Rule> rules = ruleSet.rules().stream().map(r -> rule(ruleSet, r)).toList();
        Loaded loaded = new Loaded(ruleSet.version(), ruleSet.hash(), ruleSet.loadedAt().toString(), rules.size(), rules);
        return new RulesStatus(loaded, failure == null ? null : failure(failure));
    }

    private static Rule rule(RuleSet ruleSet, RuleInfo r) {
        return new Rule(r.id(), ruleSet.metadata(r, "part"), r.version(), r.source(), r.url(), r.description(), r.name(),
                r.file());
    }

    static Failure failure(ReloadAttempt a) {
        return new Failure(a.at().toString(), a.trigger(), a.reason(), a.problems().stream().map(Problem::of).toList(),
                a.failedScenarios().stream().map(FailedScenario::of).toList());
    }
}
