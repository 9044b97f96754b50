package org.allcds.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule folder's {@code rule-versions.tsv}: one line per rule id, part ({@code -} for none) and version, with the
 * digest of the logic that version had ({@link RuleLogic}). Lines are only ever added: a recorded digest is what the
 * version meant, and earlier versions stay as history.
 */
final class VersionLedger {

    static final String FILE = "rule-versions.tsv";
    static final String NO_PART = "-";
    private static final String HEADER = """
            # The logic each rule version stands for: rule id, part (- for none), @version, digest of the rule's
            # attributes, when and then (comments, whitespace and metadata left out). Lint refuses a rule whose logic
            # differs from its version's digest. Add lines with: java -jar all-cds.jar versions <rules-folder>
            # Never edit a recorded line: raise the rule's @version instead.
            # @rule-set lines: what each rule-set version (config.yaml) stands for: every rule with its package, the
            # imports, declared types and settings of the set; raise the version in config.yaml when any of them changes.
            # What each rule-set version changed: java -jar all-cds.jar changes <rules-folder>
            """;

    /** One recorded version. */
    record Entry(String id, String part, String version, String digest) {

        static Entry of(RuleLogic.Rule rule) {
            return new Entry(rule.id(), rule.part() == null ? NO_PART : rule.part(), rule.version(), rule.digest());
        }

        String key() {
            return id + "\t" + part + "\t" + version;
        }

        String line() {
            return key() + "\t" + digest;
        }

        /** {@code R-TX-CART-01 (cd19)}, or the id alone for a rule without a part. */
        String label() {
            return id + (part.equals(NO_PART) ? "" : " (" + part + ")");
        }

        boolean isRuleSet() {
            return id.equals(RuleSetVersion.LEDGER_ID);
        }
    }

    /** What a ledger whose rule-set lines repeat or fall most likely went through: a merge; and what to do then. */
    private static final String MERGED = "after a merge of branches that each recorded a rule-set version: keep each"
            + " version's first line, with the rule-set lines in rising order, then raise 'version' in config.yaml past"
            + " them and record it";
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}");

    private final String text;
    private final Map<String, Entry> byKey = new HashMap<>();
    private Entry lastRuleSet;
    /** The entries in the order they were recorded. */
    private final List<Entry> order = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    private VersionLedger(String text) {
        this.text = text == null ? HEADER : text;
        String[] lines = this.text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            read(lines[i].strip(), i + 1);
        }
    }

    /** The ledger of a rule folder; null when it keeps none (its versions are not checked). */
    static VersionLedger of(RuleSetSource source) {
        String text = source.text(FILE);
        return text == null ? null : new VersionLedger(text);
    }

    /**
     * The ledger in this folder, read from its file alone as the folder's files are read ({@link RuleSetSource#readFile});
     * null when the folder keeps none.
     */
    static VersionLedger in(Path dir) {
        String text = RuleSetSource.readFile(dir, FILE);
        return text == null ? null : new VersionLedger(text);
    }

    /** A ledger to record into: the folder's, or a new one. */
    static VersionLedger orNew(RuleSetSource source) {
        return new VersionLedger(source.text(FILE));
    }

    private void read(String line, int number) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] fields = line.split("\t");
        if (fields.length != 4 || fields[3].length() != 16) {
            problems.add(RuleSetFiles.error(FILE, number, 1, "a line of " + FILE + " is: rule id, part (- for none),"
                    + " version and the 16-digit digest, separated by tabs"));
            return;
        }
        Entry entry = new Entry(fields[0], fields[1], fields[2], fields[3]);
        if (byKey.putIfAbsent(entry.key(), entry) != null) {
            problems.add(RuleSetFiles.error(FILE, number, 1, entry.isRuleSet()
                    ? "rule set " + entry.version() + " is recorded twice; " + MERGED
                    : entry.label() + " " + entry.version() + " is recorded twice; keep the first line, the version it"
                            + " was recorded as"));
        } else if (entry.isRuleSet() && lastRuleSet != null && !isAfter(entry.version(), lastRuleSet.version())) {
            problems.add(RuleSetFiles.error(FILE, number, 1, "rule set " + entry.version() + " is recorded after "
                    + lastRuleSet.version() + ", so the ledger cannot say what each changed; " + MERGED));
        }
        lastRuleSet = entry.isRuleSet() ? entry : lastRuleSet;
        order.add(entry);
    }

    /** Whether {@code version} is MAJOR.MINOR.PATCH, as every rule and rule-set version must be. */
    static boolean isVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /** Whether {@code version} comes after {@code earlier} ({@link #higher}). */
    static boolean isAfter(String version, String earlier) {
        return !version.equals(earlier) && higher(version, earlier).equals(version);
    }

    /** The higher of two versions, compared part by part, numbers as numbers ({@code 1.10.0} after {@code 1.9.0}). */
    static String higher(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int order = comparePart(x[i], y[i]);
            if (order != 0) {
                return order > 0 ? a : b;
            }
        }
        return x.length >= y.length ? a : b;
    }

    private static int comparePart(String a, String b) {
        boolean numbers = a.matches("\\d{1,9}") && b.matches("\\d{1,9}");
        return numbers ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b)) : a.compareTo(b);
    }

    /** The recorded entry of this rule's id, part and version, or null. */
    Entry recorded(RuleLogic.Rule rule) {
        return byKey.get(Entry.of(rule).key());
    }

    /** The recorded entry of this rule-set version, or null. */
    Entry recordedRuleSet(String version) {
        return byKey.get(new Entry(RuleSetVersion.LEDGER_ID, NO_PART, version, "").key());
    }

    /** The lines recorded before {@code entry}'s first line: what was known when it was recorded. */
    Set<String> linesBefore(Entry entry) {
        Set<String> lines = new HashSet<>();
        for (Entry e : order) {
            if (e.key().equals(entry.key())) {
                break;
            }
            lines.add(e.line());
        }
        return lines;
    }

    /** The rule-set version recorded last, or null. */
    Entry lastRuleSet() {
        return lastRuleSet;
    }

    /** Every recorded entry, rule and rule-set versions, in the order they were recorded. */
    List<Entry> entries() {
        return List.copyOf(order);
    }

    List<RuleProblem> problems() {
        return problems;
    }

    /** The ledger's text with these entries appended, every recorded line left as it was. */
    String appended(List<Entry> added) {
        StringBuilder out = new StringBuilder(text);
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        added.forEach(e -> out.append(e.line()).append('\n'));
        return out.toString();
    }
}
