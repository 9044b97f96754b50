package org.allcds.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What each recorded rule-set version changed, from the folder's ledger alone ({@link VersionLedger}): the rule
 * versions recorded after the previous {@code @rule-set} line and up to its own, each rule (id and part) once. The
 * ledger keeps digests and only ever grows, so it can name the rules whose version rose, not which setting or declared
 * type changed, nor a rule that was removed.
 */
public final class RuleSetHistory {

    /**
     * A rule whose version rose: the highest version recorded before the previous rule-set version (null for a rule new
     * in this one) and the highest recorded since.
     */
    public record RuleChange(String rule, String before, String after) {
        public boolean isNew() {
            return before == null;
        }
    }

    /**
     * One rule-set version and the rules recorded since the previous one ({@code since}, null for the first). The rule
     * versions recorded after the last rule-set line are a step without a {@code version}. The first recorded version
     * lists no rules: it counts the rule versions recorded before it ({@code recordedBefore}).
     */
    public record Step(String version, String since, List<RuleChange> rules, int recordedBefore, boolean sameAsSince) {

        public boolean isUnreleased() {
            return version == null;
        }

        public boolean isFirst() {
            return version != null && since == null;
        }
    }

    private final List<Step> newestFirst;

    private RuleSetHistory(List<Step> newestFirst) {
        this.newestFirst = List.copyOf(newestFirst);
    }

    /**
     * The history in this folder's ledger; empty when the folder keeps none. A ledger that cannot be read as recorded
     * (a malformed or repeated line, not UTF-8) is a {@link RuleSetException} with its problems.
     */
    public static Optional<RuleSetHistory> read(Path dir) {
        VersionLedger ledger = VersionLedger.in(dir);
        if (ledger == null) {
            return Optional.empty();
        }
        if (!ledger.problems().isEmpty()) {
            throw new RuleSetException(VersionLedger.FILE + " cannot be read", ledger.problems());
        }
        return Optional.of(new RuleSetHistory(steps(ledger.entries())));
    }

    /** Every recorded rule-set version, newest first, after the rule versions not yet in one (if any). */
    public List<Step> newestFirst() {
        return newestFirst;
    }

    private static List<Step> steps(List<VersionLedger.Entry> entries) {
        List<Step> steps = new ArrayList<>();
        Map<String, String> released = new HashMap<>();
        List<VersionLedger.Entry> since = new ArrayList<>();
        VersionLedger.Entry previous = null;
        for (VersionLedger.Entry entry : entries) {
            if (!entry.isRuleSet()) {
                since.add(entry);
                continue;
            }
            boolean same = previous != null && previous.digest().equals(entry.digest());
            steps.add(step(entry.version(), previous, since, released, same));
            since.forEach(e -> released.merge(e.label(), e.version(), VersionLedger::higher));
            since.clear();
            previous = entry;
        }
        if (!since.isEmpty()) {
            steps.add(step(null, previous, since, released, false));
        }
        Collections.reverse(steps);
        return steps;
    }

    private static Step step(String version, VersionLedger.Entry previousEntry, List<VersionLedger.Entry> since,
                             Map<String, String> released, boolean sameAsPrevious) {
        String previous = previousEntry == null ? null : previousEntry.version();
        if (version != null && previous == null) {
            return new Step(version, null, List.of(), since.size(), false);
        }
        Map<String, String> after = new TreeMap<>();
        since.forEach(e -> after.merge(e.label(), e.version(), VersionLedger::higher));
        List<RuleChange> rules = after.entrySet().stream()
                .map(a -> new RuleChange(a.getKey(), released.get(a.getKey()), a.getValue())).toList();
        return new Step(version, previous, rules, 0, sameAsPrevious);
    }
}
