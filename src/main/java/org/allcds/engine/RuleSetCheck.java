package org.allcds.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything an author is told about a rule set folder: what the compiler finds (DRL errors, metadata, duplicate ids,
 * services naming unknown packages) plus the {@link FolderCheck}s. Start-up, the reload gate and the {@code lint}
 * command all compile through one instance built the same way, so they never disagree (the authors' {@code test} and
 * {@code eval} through a variant built in the same place, {@code EvaluationAssembly}).
 */
public final class RuleSetCheck {

    private final RuleCompiler compiler;
    private final List<FolderCheck> checks;

    public RuleSetCheck(RuleCompiler compiler, List<FolderCheck> checks) {
        this.compiler = compiler;
        this.checks = List.copyOf(checks);
    }

    /** Compiles the folder; a set that compiles but fails a further check is disposed and reported as not loaded. */
    public RuleCompiler.Result compile(RuleSetSource source) {
        return compile(source, null);
    }

    /** As {@link #compile(RuleSetSource)}, on the reloader's last build when the DRL is unchanged ({@link ReusableBuild}). */
    RuleCompiler.Result compile(RuleSetSource source, ReusableBuild reusable) {
        RuleCompiler.Result compiled = compiler.compile(source, reusable);
        List<RuleProblem> extra = checks.stream().flatMap(check -> check.problems(source).stream()).toList();
        if (extra.isEmpty()) {
            return compiled;
        }
        List<RuleProblem> all = new ArrayList<>(compiled.problems());
        all.addAll(extra);
        all.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
                .thenComparingInt(RuleProblem::column));
        boolean refused = extra.stream().anyMatch(RuleProblem::isError);
        if (refused && compiled.ok()) {
            compiled.ruleSet().retire();
        }
        return new RuleCompiler.Result(refused ? null : compiled.ruleSet(), List.copyOf(all), compiled.ok());
    }
}
