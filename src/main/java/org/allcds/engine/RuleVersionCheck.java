package org.allcds.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule's {@code @version} names the logic that produced a card: each rule version in a folder that keeps a
 * {@code rule-versions.tsv} ({@link VersionLedger}) must be recorded there with the digest of its logic today
 * ({@link RuleLogic}). A rule whose logic changed under a recorded version, or a version not yet recorded, is an error
 * at its {@code @version}. A {@link FolderCheck}, so start-up, reload and {@code lint} run it alike; a folder without
 * the ledger (a test fixture) is not checked.
 */
public final class RuleVersionCheck implements FolderCheck {

    /** The author command that records versions, as messages name it. */
    public static final String COMMAND = "java -jar all-cds.jar versions <rules-folder>";

    /** What {@link #record} did: the ledger's new text and the versions it added, or why it refused. */
    public record Recording(String ledger, List<String> added, List<RuleProblem> refused) {
        public boolean ok() {
            return refused.isEmpty();
        }
    }

    @Override
    public List<RuleProblem> problems(RuleSetSource source) {
        VersionLedger ledger = VersionLedger.of(source);
        if (ledger == null) {
            return List.of();
        }
        List<RuleProblem> problems = new ArrayList<>(ledger.problems());
        for (RuleLogic.Rule rule : RuleLogic.rules(source.drlFiles())) {
            VersionLedger.Entry recorded = ledger.recorded(rule);
            if (recorded == null) {
                problems.add(at(rule, rule.label() + " version " + rule.version() + " is not recorded in "
                        + VersionLedger.FILE + ": record it with " + COMMAND));
            } else if (!recorded.digest().equals(rule.digest())) {
                problems.add(changed(rule));
            }
        }
        return problems;
    }

    /**
     * The folder's ledger with every rule version not yet in it added; refused, with the problems, while a rule's
     * logic differs from its recorded version or the ledger cannot be read. A recorded line is never rewritten.
     */
    public static Recording record(RuleSetSource source) {
        VersionLedger ledger = VersionLedger.orNew(source);
        List<RuleProblem> refused = new ArrayList<>(ledger.problems());
        List<VersionLedger.Entry> added = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RuleLogic.Rule rule : RuleLogic.rules(source.drlFiles())) {
            VersionLedger.Entry recorded = ledger.recorded(rule);
            if (recorded != null && !recorded.digest().equals(rule.digest())) {
                refused.add(changed(rule));
            } else if (recorded == null && added.stream().noneMatch(e -> e.key().equals(VersionLedger.Entry.of(rule).key()))) {
                added.add(VersionLedger.Entry.of(rule));
                names.add(rule.label() + " " + rule.version());
            }
        }
        return new Recording(ledger.appended(added), List.copyOf(names), List.copyOf(refused));
    }

    private static RuleProblem changed(RuleLogic.Rule rule) {
        return at(rule, rule.label() + " changed since version " + rule.version() + " was recorded: raise @version");
    }

    private static RuleProblem at(RuleLogic.Rule rule, String message) {
        return RuleSetFiles.error(rule.file(), rule.line(), rule.column(), message);
    }
}
