package org.allcds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A rule's {@code @version} names the logic that produced a card: each rule version in a folder that keeps a
 * {@code rule-versions.tsv} ({@link VersionLedger}) must be recorded there with the digest of its logic today
 * ({@link RuleLogic}). A rule whose logic changed under a recorded version, or a version not yet recorded, is an error
 * at its {@code @version}; so is a rule-set version ({@code config.yaml}) not recorded, or recorded for other rules,
 * declared types or settings ({@link RuleSetVersion}). A {@link FolderCheck}, so start-up, reload and {@code lint} run
 * it alike; a folder without the ledger (a test fixture) is not checked.
 */
public final class RuleVersionCheck implements FolderCheck {

    /** The author command that records versions, as messages name it. */
    public static final String COMMAND = "java -jar all-cds.jar versions <rules-folder>";
    /** Changed rules a rule-set version problem names before it counts the rest. */
    private static final int SHOWN_RULES = 3;

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
        List<RuleLogic.Rule> rules = RuleLogic.rules(source.drlFiles());
        for (RuleLogic.Rule rule : rules) {
            VersionLedger.Entry recorded = ledger.recorded(rule);
            if (!VersionLedger.isVersion(rule.version())) {
                problems.add(malformed(rule));
            } else if (recorded == null) {
                problems.add(at(rule, rule.label() + " version " + rule.version() + " is not recorded in "
                        + VersionLedger.FILE + ": record it with " + COMMAND));
            } else if (!recorded.digest().equals(rule.digest())) {
                problems.add(changed(rule));
            }
        }
        RuleSetVersion.current(source, rules).flatMap(set -> ruleSetProblem(set, ledger, rules))
                .ifPresent(problems::add);
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
        List<RuleLogic.Rule> rules = RuleLogic.rules(source.drlFiles());
        Optional<RuleSetVersion.Current> ruleSet = RuleSetVersion.current(source, rules);
        ruleSet.flatMap(set -> ledger.recordedRuleSet(set.version()) != null ? ruleSetProblem(set, ledger, rules)
                : notAfterLast(set, ledger)).ifPresent(refused::add);
        for (RuleLogic.Rule rule : rules) {
            VersionLedger.Entry recorded = ledger.recorded(rule);
            if (!VersionLedger.isVersion(rule.version())) {
                refused.add(malformed(rule));
            } else if (recorded != null && !recorded.digest().equals(rule.digest())) {
                refused.add(changed(rule));
            } else if (recorded == null && added.stream().noneMatch(e -> e.key().equals(VersionLedger.Entry.of(rule).key()))) {
                added.add(VersionLedger.Entry.of(rule));
                names.add(rule.label() + " " + rule.version());
            }
        }
        ruleSet.filter(set -> ledger.recordedRuleSet(set.version()) == null).ifPresent(set -> {
            added.add(set.entry());
            names.add("rule set " + set.version());
        });
        return new Recording(ledger.appended(added), List.copyOf(names), List.copyOf(refused));
    }

    /**
     * Why the rule set's version ({@link RuleSetVersion}) does not name today's set: not recorded, or recorded for
     * other rules, declared types or settings.
     */
    private static Optional<RuleProblem> ruleSetProblem(RuleSetVersion.Current set, VersionLedger ledger,
                                                        List<RuleLogic.Rule> rules) {
        VersionLedger.Entry recorded = ledger.recordedRuleSet(set.version());
        if (recorded == null) {
            return Optional.of(atVersion(set, "rule set version " + set.version() + " is not recorded in "
                    + VersionLedger.FILE + ": record it with " + COMMAND));
        }
        if (recorded.digest().equals(set.digest())) {
            return Optional.empty();
        }
        return Optional.of(atVersion(set, "the rule set changed since version " + set.version() + " was recorded ("
                + changedSince(ledger, recorded, rules) + "): raise 'version' so that cards name the rule set they came"
                + " from, then record it with " + COMMAND));
    }

    /** The rules whose version or logic was not recorded before the rule-set version, or what else can have changed. */
    private static String changedSince(VersionLedger ledger, VersionLedger.Entry ruleSet, List<RuleLogic.Rule> rules) {
        Set<String> known = ledger.linesBefore(ruleSet);
        List<String> changed = rules.stream().filter(r -> !known.contains(VersionLedger.Entry.of(r).line()))
                .map(RuleLogic.Rule::label).distinct().sorted().toList();
        if (changed.isEmpty()) {
            return "a setting in " + RuleSetSource.CONFIG_FILE + ", " + RuleSetSource.SERVICES_FILE + " or "
                    + RuleSetSource.FINDINGS_FILE + ", a declared type or import, or a rule removed or moved";
        }
        int shown = Math.min(changed.size(), SHOWN_RULES);
        return String.join(", ", changed.subList(0, shown))
                + (changed.size() > shown ? " and " + (changed.size() - shown) + " more rules" : "");
    }

    private static RuleProblem atVersion(RuleSetVersion.Current set, String message) {
        return RuleSetFiles.error(RuleSetSource.CONFIG_FILE, set.line(), set.column(), message);
    }

    /** A new rule-set version that does not come after the last one recorded: history must read in order. */
    private static Optional<RuleProblem> notAfterLast(RuleSetVersion.Current set, VersionLedger ledger) {
        VersionLedger.Entry last = ledger.lastRuleSet();
        if (last == null || VersionLedger.isAfter(set.version(), last.version())) {
            return Optional.empty();
        }
        return Optional.of(atVersion(set, "rule set version " + set.version() + " does not come after " + last.version()
                + ", the last recorded: raise 'version' past it"));
    }

    private static RuleProblem malformed(RuleLogic.Rule rule) {
        return at(rule, rule.label() + " @version \"" + rule.version() + "\" is not MAJOR.MINOR.PATCH (e.g. 1.2.0)");
    }

    private static RuleProblem changed(RuleLogic.Rule rule) {
        return at(rule, rule.label() + " changed since version " + rule.version() + " was recorded: raise @version");
    }

    private static RuleProblem at(RuleLogic.Rule rule, String message) {
        return RuleSetFiles.error(rule.file(), rule.line(), rule.column(), message);
    }
}
