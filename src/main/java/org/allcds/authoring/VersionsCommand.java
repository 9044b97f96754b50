package org.allcds.authoring;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleProblem;
import org.allcds.engine.RuleSetException;
import org.allcds.engine.RuleSetSource;
import org.allcds.engine.RuleVersionCheck;

/**
 * {@code versions <rules-dir>}: records in the folder's {@code rule-versions.tsv} the logic of every rule version not
 * yet in it, and the rule set's version ({@code config.yaml}) with the digest of what it stands for. Refuses while the
 * rules do not compile, a rule's logic changed under a recorded version (raise its {@code @version}), or the rule set
 * changed under its recorded version or its new version does not come after the last (raise {@code version}); a
 * recorded line is never rewritten.
 */
final class VersionsCommand {

    private final PrintStream out;

    VersionsCommand(PrintStream out) {
        this.out = out;
    }

    int run(Path dir) {
        RuleSetSource source;
        try {
            source = RuleSetSource.read(dir);
        } catch (RuleSetException e) {
            return refused(e.problems());
        }
        RuleCompiler.Result compiled = new RuleCompiler(Clock.systemUTC()).compile(source);
        if (compiled.ruleSet() != null) {
            compiled.ruleSet().retire();
        }
        if (!compiled.ok()) {
            return refused(compiled.errors());
        }
        RuleVersionCheck.Recording recording = RuleVersionCheck.record(source);
        if (!recording.ok()) {
            return refused(recording.refused());
        }
        write(dir.resolve(RuleSetSource.VERSIONS_FILE), recording.ledger());
        recording.added().forEach(v -> out.println("recorded " + v));
        out.println(LintCommand.plural(recording.added().size(), "version") + " recorded in " + RuleSetSource.VERSIONS_FILE);
        return AuthoringCli.OK;
    }

    private int refused(java.util.List<RuleProblem> problems) {
        problems.forEach(out::println);
        out.println("nothing recorded: " + LintCommand.plural(problems.size(), "error"));
        return AuthoringCli.FAILED;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.getFileName(), e);
        }
    }
}
