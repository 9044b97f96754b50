package org.allcds.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleSet;
import org.allcds.facts.Finding;
import org.allcds.fixtures.RuleFolders;
import org.hl7.fhir.r4.model.Resource;

/**
 * An input that is not known is never guessed (C-08), over the scenario corpus: each record is run once per value the
 * input may take and once without it. What the record without the input concludes (a value other than INDETERMINATE or
 * PENDING; for a draft order, also fitting, which is silence) holds at every value; what every value concludes alike
 * is concluded without the input too; where the values disagree, the record without the input gives no such value,
 * names the input in its undecided finding of that kind and asks for it.
 */
final class InputNotKnownCheck {

    /** The value of a finding that names missing inputs, whatever value it carries. */
    private static final String NOT_CHECKED = "NOT_CHECKED";
    private static final Set<String> UNDECIDED = Set.of("INDETERMINATE", "PENDING", NOT_CHECKED);
    /** Types that say what is missing or was left out, rather than concluding. */
    private static final Set<String> NOT_CONCLUSIONS = Set.of("missing-data", "data-quality");
    /** A kind of finding that is not there; for an order check, the order fits. */
    private static final String NONE = "none";

    /** The record as sent with the input left out, and with it set to each value it may take (by name). */
    interface Variants {
        List<Resource> without(ScenarioRecords.Record record);

        Map<String, List<Resource>> known(ScenarioRecords.Record record);

        /** Whether the check covers this kind of finding. */
        default boolean covers(String kind) {
            return true;
        }
    }

    /** Records run, conclusions given without the input, kinds left open, and every problem found. */
    record Result(int records, int given, int leftOpen, List<String> problems) {
    }

    private InputNotKnownCheck() {
    }

    /** {@code input}: the input's name as findings give it, e.g. {@code relapse-site}. */
    static Result check(ScenarioRecords records, Predicate<ScenarioRecords.Record> applies, String input, Variants variants) {
        int runs = 0;
        int given = 0;
        int leftOpen = 0;
        List<String> problems = new ArrayList<>();
        for (ScenarioRecords.Record record : records.records()) {
            if (!applies.test(record)) {
                continue;
            }
            runs++;
            List<ExplainedFinding> without = records.findings(record, variants.without(record));
            Map<String, String> none = conclusions(without);
            Map<String, Map<String, String>> byValue = new TreeMap<>();
            variants.known(record).forEach((value, resources) ->
                    byValue.put(value, conclusions(records.findings(record, resources))));
            Set<String> kinds = new TreeSet<>(none.keySet());
            byValue.values().forEach(m -> kinds.addAll(m.keySet()));
            // the patient-view services ask with a missing-data finding, an order check by naming the input it lacks
            boolean askedFor = without.stream().map(ExplainedFinding::finding)
                    .anyMatch(f -> f.type().equals("missing-data") && f.value().equals(input) || f.missing().contains(input));
            for (String kind : kinds) {
                if (!variants.covers(kind)) {
                    continue;
                }
                String value = none.getOrDefault(kind, NONE);
                Set<String> values = new TreeSet<>();
                byValue.values().forEach(m -> values.add(m.getOrDefault(kind, NONE)));
                String where = record.file() + ": " + kind;
                if (values.size() == 1) {
                    String every = values.iterator().next();
                    if (definite(kind, every)) {
                        given += value.equals(every) ? 1 : 0;
                        if (!value.equals(every)) {
                            problems.add(where + " is " + every + " at every " + input + " but " + value + " without it");
                        }
                    } else if (definite(kind, value)) {
                        problems.add(where + " is " + value + " without the " + input + " but " + every + " at every one");
                    }
                    continue;
                }
                leftOpen++;
                if (definite(kind, value)) {
                    problems.add(where + " is " + value + " without the " + input + ", " + values + " by " + input);
                } else if (UNDECIDED.contains(value) && !namesTheInput(without, kind, input)) {
                    problems.add(where + " is " + value + " without the " + input + ", " + values + " by " + input
                            + ", and does not name it");
                }
                if (!askedFor) {
                    problems.add(where + " differs by " + input + " (" + values + ") and the " + input + " is not asked for");
                }
            }
        }
        return new Result(runs, given, leftOpen, problems);
    }

    /** A conclusion: a value other than INDETERMINATE or PENDING, and for an order check also fitting (no finding). */
    private static boolean definite(String kind, String value) {
        return !UNDECIDED.contains(value) && (!value.equals(NONE) || kind.startsWith("order-check "));
    }

    /** Each kind of finding (type, scheme and card) and its value; the missing-data and data-quality findings aside. */
    private static Map<String, String> conclusions(List<ExplainedFinding> findings) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (ExplainedFinding explained : findings) {
            Finding f = explained.finding();
            if (!NOT_CONCLUSIONS.contains(f.type())) {
                // a finding that names inputs it lacks has not concluded (a CAR-T label "not checked" is NOT_MET so)
                values.computeIfAbsent(kind(f), k -> new TreeSet<>()).add(f.missing().isEmpty() ? f.value() : NOT_CHECKED);
            }
        }
        Map<String, String> out = new TreeMap<>();
        values.forEach((kind, v) -> out.put(kind, String.join("+", v)));
        return out;
    }

    /** Type and scheme; for a finding about a draft order, the order too (which card else is the service's choice). */
    private static String kind(Finding f) {
        return ScenarioRecords.key(f) + (f.card().startsWith("order:") ? " (" + f.card() + ")" : "");
    }

    private static boolean namesTheInput(List<ExplainedFinding> findings, String kind, String input) {
        return findings.stream().map(ExplainedFinding::finding)
                .anyMatch(f -> kind(f).equals(kind) && f.missing().contains(input));
    }

    /**
     * The problems {@code check} finds in one scenario file over a copy of the bundled rules in which
     * relapse/relapse-classification.drl has {@code find} replaced: how a test shows the check catches a guess.
     */
    static List<String> problemsOfEditedRules(Path root, String find, String replace, String file,
                                              BiFunction<ScenarioRecords, Predicate<String>, Result> check) {
        Path rules = root.resolve("rules");
        RuleFolders.copyBundledUnversioned(rules);
        RuleFolders.edit(rules.resolve("relapse/relapse-classification.drl"), find, replace);
        RuleSet guessing = RuleFolders.compile(rules);
        try {
            if (!Files.exists(rules.resolve(file))) {
                throw new IllegalArgumentException("no scenario " + file);
            }
            // the one scenario the check is shown on, read and evaluated alone on the guessing rules
            ScenarioRecords records = new ScenarioRecords(guessing,
                    List.of(new ScenarioReader().read(rules, rules.resolve(file))));
            return check.apply(records, file::equals).problems();
        } finally {
            guessing.retire();
        }
    }

    /** The record with each resource the function maps; a function may return the resource itself, or null to drop it. */
    static List<Resource> mapped(ScenarioRecords.Record record, Function<Resource, Resource> change) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : record.data().resources()) {
            Resource changed = change.apply(r);
            if (changed != null) {
                out.add(changed);
            }
        }
        return out;
    }
}
