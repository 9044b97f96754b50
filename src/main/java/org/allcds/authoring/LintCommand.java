package org.allcds.authoring;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleProblem;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetCheck;
import org.allcds.engine.RuleSetException;
import org.allcds.engine.RuleSetSource;
import org.allcds.system.EvaluationAssembly;

/** {@code lint <rules-dir>}: one {@code file:line:column: error|warning: message} line per problem, then a summary. */
final class LintCommand {

    private final PrintStream out;

    LintCommand(PrintStream out) {
        this.out = out;
    }

    int run(Path dir) {
        RuleCompiler.Result result = compile(dir);
        result.problems().forEach(out::println);
        long errors = result.problems().stream().filter(RuleProblem::isError).count();
        long warnings = result.problems().size() - errors;
        RuleSet ruleSet = result.ruleSet();
        String loaded = ruleSet == null ? ""
                : " (rule set " + ruleSet.version() + ": " + ruleSet.rules().size() + " rules, "
                        + ruleSet.services().services().size() + " services)";
        out.println(plural(errors, "error") + ", " + plural(warnings, "warning") + loaded);
        if (ruleSet != null) {
            ruleSet.retire();
        }
        return errors > 0 ? AuthoringCli.FAILED : AuthoringCli.OK;
    }

    /** The folder compiled with every author check; a folder that cannot be read is a result with its problems. */
    static RuleCompiler.Result compile(Path dir) {
        return compile(dir, EvaluationAssembly::ruleSetCheck);
    }

    /** As {@link #compile(Path)} for {@code test} and {@code eval}: version problems are warnings there. */
    static RuleCompiler.Result tryOut(Path dir) {
        return compile(dir, EvaluationAssembly::authorLoopCheck);
    }

    private static RuleCompiler.Result compile(Path dir, Function<RuleCompiler, RuleSetCheck> checks) {
        try {
            return checks.apply(new RuleCompiler(Clock.systemUTC())).compile(RuleSetSource.read(dir));
        } catch (RuleSetException e) {
            return new RuleCompiler.Result(null, e.problems());
        }
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
