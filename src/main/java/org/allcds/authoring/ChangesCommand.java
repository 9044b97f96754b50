package org.allcds.authoring;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.allcds.engine.RuleProblem;
import org.allcds.engine.RuleSetException;
import org.allcds.engine.RuleSetHistory;
import org.allcds.engine.RuleSetHistory.RuleChange;
import org.allcds.engine.RuleSetHistory.Step;
import org.allcds.engine.RuleSetSource;
import org.allcds.engine.RuleVersionCheck;

/**
 * {@code changes <rules-dir>}: what each recorded rule-set version changed, newest first, for whoever signs a release
 * off: the rules whose version rose since the previous one, from which version to which. Reads the folder's
 * {@code rule-versions.tsv} alone; neither compiles nor checks the rules.
 */
final class ChangesCommand {

    private final PrintStream out;

    ChangesCommand(PrintStream out) {
        this.out = out;
    }

    int run(Path dir) {
        List<Step> steps;
        try {
            steps = RuleSetHistory.read(dir).orElseThrow(() -> new AuthoringCli.InputException("'" + dir + "' keeps no "
                    + RuleSetSource.VERSIONS_FILE + ", so no version is recorded: record them with "
                    + RuleVersionCheck.COMMAND)).newestFirst();
        } catch (RuleSetException e) {
            e.problems().forEach(out::println);
            out.println(LintCommand.plural(e.problems().size(), "error") + " in " + RuleSetSource.VERSIONS_FILE);
            return AuthoringCli.FAILED;
        } catch (UncheckedIOException e) {
            throw new AuthoringCli.InputException("'" + dir.resolve(RuleSetSource.VERSIONS_FILE) + "' cannot be read ("
                    + e.getCause().getMessage() + ")");
        }
        steps.forEach(this::print);
        if (steps.stream().allMatch(Step::isUnreleased)) {
            out.println("no rule-set version recorded in " + RuleSetSource.VERSIONS_FILE);
        }
        return AuthoringCli.OK;
    }

    private void print(Step step) {
        out.println(heading(step) + ": " + whatChanged(step));
        step.rules().forEach(rule -> out.println("  " + line(rule)));
    }

    private static String heading(Step step) {
        String name = step.isUnreleased() ? "not yet in a recorded rule-set version" : "rule set " + step.version();
        return step.since() == null ? name : name + " (since " + step.since() + ")";
    }

    private static String whatChanged(Step step) {
        if (step.isFirst()) {
            return "the first recorded rule-set version (" + LintCommand.plural(step.recordedBefore(), "rule version")
                    + " recorded before it)";
        }
        if (step.sameAsSince()) {
            return "the same rules and settings as " + step.since();
        }
        if (step.rules().isEmpty()) {
            return "settings, declared types or imports changed, or rules removed or moved; no rule version";
        }
        return LintCommand.plural(step.rules().size(), "rule") + " changed";
    }

    private static String line(RuleChange rule) {
        return rule.rule() + " " + (rule.isNew() ? "new " + rule.after() : rule.before() + " -> " + rule.after());
    }
}
