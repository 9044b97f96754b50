package org.allcds.authoring;

import java.io.PrintStream;
import java.nio.file.Path;
import org.allcds.engine.BesideTheBuild;
import org.allcds.engine.RuleCompiler;
import org.allcds.scenario.Report;
import org.allcds.scenario.ScenarioResult;
import org.allcds.scenario.ScenarioRunner;
import org.allcds.system.EvaluationAssembly;

/**
 * {@code test <rules-dir>}: runs every scenario under {@code tests/} against the folder's rules, prints each failure as
 * a diff (expected and actual findings, rules fired) and ends with {@code N passed, M failed}.
 */
final class TestCommand {

    private final PrintStream out;

    TestCommand(PrintStream out) {
        this.out = out;
    }

    int run(Path dir) {
        BesideTheBuild<ScenarioRunner> runner = besideTheCompile(dir);
        RuleCompiler.Result compiled = LintCommand.tryOut(dir);
        compiled.problems().forEach(out::println);
        if (!compiled.ok()) {
            out.println("The rule set " + compiled.refusal() + "; no scenario ran.");
            return AuthoringCli.FAILED;
        }
        try {
            Report report = runner.join().runAll(compiled.ruleSet(), dir);
            for (ScenarioResult result : report.results()) {
                if (!result.passed()) {
                    out.println(result.failureReport());
                    out.println();
                }
            }
            out.println(report.summaryLine());
            if (report.results().isEmpty()) {
                // as the service's gate: a folder without scenarios is refused, never served unchecked
                out.println("No author scenario under tests/: the service would refuse this folder.");
                return AuthoringCli.FAILED;
            }
            return report.failed() > 0 ? AuthoringCli.FAILED : AuthoringCli.OK;
        } finally {
            compiled.ruleSet().retire();
        }
    }

    /**
     * The runner with its evaluator built and the scenarios being read, on a thread of its own: neither depends on the
     * rules, and the compile (loading the rule set, the author checks) keeps only one core busy, so they take the
     * other instead of following it. A compile that fails leaves this thread's work unused.
     */
    private static BesideTheBuild<ScenarioRunner> besideTheCompile(Path dir) {
        return BesideTheBuild.start("test-prepare", () -> {
            ScenarioRunner runner = new ScenarioRunner(EvaluationAssembly.standalone());
            runner.prepare(dir);
            return runner;
        });
    }
}
