package org.allcds.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.Finding;
import tools.jackson.core.JacksonException;

/**
 * The finding types, schemes and values a rule set may conclude: the data contract's (§4, fixed, in
 * {@code contract-findings.yaml} beside this class) plus the types the rule set declares in its own
 * {@code findings.yaml}; and which of them its rules create, read from their {@code Finding.of(type, [scheme,] value)}
 * calls. Lint checks the literals of the rules against it ({@link FindingVocabularyCheck}); every evaluation is checked
 * against it too ({@link #inconsistencies}), because values built at run time ({@code $v.name()}) and two rules that
 * disagree cannot be seen in the text; and a scenario may not expect or exclude a finding outside it or one no rule
 * creates ({@link #whyNever}).
 */
public final class FindingVocabulary {

    /** Which findings of one type must agree on a value. */
    enum OneValuePer { SCHEME, CARD, NONE }

    /** Values by scheme ({@link #NO_SCHEME} for a type without one), extra candidates, which findings must agree. */
    record Type(String name, Map<String, Set<String>> values, Set<String> candidates, OneValuePer per) {

        boolean schemed() {
            return !values.containsKey(NO_SCHEME);
        }

        /** The values of one scheme (null: the scheme is unknown); a null scheme is the type's own. */
        Set<String> valuesOf(String scheme) {
            return values.get(scheme == null ? NO_SCHEME : scheme);
        }

        Set<String> allValues() {
            Set<String> all = new TreeSet<>();
            values.values().forEach(all::addAll);
            return all;
        }

        /** A finding's candidates: values of its scheme, or the type's declared candidates. */
        boolean candidate(String scheme, String value) {
            Set<String> own = valuesOf(scheme);
            return candidates.contains(value) || own != null && own.contains(value);
        }

        /** The values a finding of the scheme may have; every scheme's when the scheme is not known (null). */
        Set<String> valuesFor(String scheme) {
            return scheme == null && schemed() ? allValues() : valuesOf(scheme);
        }

        /** Why a scheme is not one of this type's, as lint says it; null when it is. */
        String unknownScheme(String scheme) {
            if (values.containsKey(scheme)) {
                return null;
            }
            return "finding type \"" + name + "\" has no scheme \"" + scheme + "\"" + meant(scheme, values.keySet())
                    + "; its schemes are " + String.join(", ", sorted(values.keySet()));
        }

        /** Why a value is not one of the scheme's (every scheme's when null), with what follows; null when it is. */
        String unknownValue(String scheme, String value, String consequence) {
            Set<String> allowed = valuesFor(scheme);
            if (allowed.contains(value)) {
                return null;
            }
            return "\"" + value + "\" is not a value of " + name + (scheme == null ? "" : " " + scheme)
                    + meant(value, allowed) + consequence + "; its values are " + String.join(", ", sorted(allowed));
        }

        /** Why a candidate is neither a value of the scheme nor a declared candidate; null when it is one. */
        String unknownCandidate(String scheme, String candidate) {
            Set<String> allowed = new TreeSet<>(valuesFor(scheme));
            allowed.addAll(candidates);
            if (allowed.contains(candidate)) {
                return null;
            }
            return "\"" + candidate + "\" is not a candidate of " + name + (scheme == null ? "" : " " + scheme)
                    + meant(candidate, allowed) + "; its candidates are " + String.join(", ", allowed);
        }

        boolean allows(Finding f) {
            Set<String> own = valuesOf(f.scheme());
            if (own == null || !own.contains(f.value())) {
                return false;
            }
            for (String c : f.candidates()) {
                if (!candidate(f.scheme(), c)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * What keeps an evaluation's findings from being served: two or more values of one type and scheme (and card,
     * where each card has its own), or a finding the vocabulary does not know ({@code contradiction} false).
     */
    public record Inconsistency(String type, String scheme, List<String> values, boolean contradiction,
                                List<ExplainedFinding> findings) {

        /** For the log and the scenario report: what was concluded, each value with the rules behind it. */
        public String describe() {
            Map<String, Set<String>> rulesByValue = new TreeMap<>();
            for (ExplainedFinding f : findings) {
                Set<String> rules = rulesByValue.computeIfAbsent(f.finding().value(), v -> new TreeSet<>());
                f.rules().forEach(r -> rules.add(r.id() + " in " + r.file()));
            }
            List<String> said = new ArrayList<>();
            rulesByValue.forEach((value, rules) -> said.add(value + " (rules " + String.join(", ", rules) + ")"));
            String what = type + (scheme == null ? "" : " " + scheme);
            List<String> candidates = findings.get(0).finding().candidates();
            return contradiction ? "contradictory findings: " + what + " is " + String.join(" and ", said)
                    : "finding outside the vocabulary: " + what + " " + said.get(0)
                    + (candidates.isEmpty() ? "" : ", candidates " + String.join(", ", candidates));
        }
    }

    static final String NO_SCHEME = "";
    private static final String CONTRACT_RESOURCE = "contract-findings.yaml";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);
    private static final Contract CONTRACT = contract();

    /** The data contract's types and input names, which every rule set shares. */
    private record Contract(Map<String, Type> types, Set<String> inputs) {
    }

    /** The file's shape: per type, {@code schemes} or {@code values}, optional {@code candidates} and {@code oneValuePer}. */
    record FileBody(LinkedHashMap<String, Entry> findings, List<String> inputs) {
    }

    record Entry(LinkedHashMap<String, List<String>> schemes, List<String> values, List<String> candidates,
                 String oneValuePer) {
    }

    private final Map<String, Type> types;
    /** The input names a finding's {@code missing} may hold: the contract's and the rule set's {@code inputs}. */
    private final Set<String> inputs;
    private final Created created;

    private FindingVocabulary(Map<String, Type> types, Set<String> inputs, Created created) {
        this.types = Collections.unmodifiableMap(types);
        this.inputs = Collections.unmodifiableSet(new TreeSet<>(inputs));
        this.created = created;
    }

    /**
     * The contract's vocabulary with the rule set's {@code findings.yaml}, when it has one (mistakes go to problems),
     * and what the rule set's DRL creates of it.
     */
    static FindingVocabulary read(RuleSetSource source, List<RuleProblem> problems) {
        Map<String, Type> all = new LinkedHashMap<>(CONTRACT.types);
        Set<String> inputs = new TreeSet<>(CONTRACT.inputs);
        String text = source.text(RuleSetSource.FINDINGS_FILE);
        if (text != null) {
            parse(RuleSetSource.FINDINGS_FILE, text, all, inputs, problems);
        }
        return new FindingVocabulary(all, inputs, Created.by(source.drlFiles()));
    }

    Type type(String name) {
        return types.get(name);
    }

    /** Why a type is not declared, as lint says it, with what follows from that; null when it is declared. */
    String unknownType(String name, String consequence) {
        return types.containsKey(name) ? null : "unknown finding type \"" + name + "\"" + meant(name, types.keySet())
                + consequence + "; a type of the rule set's own is declared in " + RuleSetSource.FINDINGS_FILE;
    }

    /** Why no finding of a type is ever created, with what follows from that; null when a rule creates one. */
    String notCreated(String type, String consequence) {
        return created.byType().containsKey(type) ? null : "no rule creates a finding of type \"" + type + "\""
                + consequence + "; the rule set creates " + String.join(", ", new TreeSet<>(created.byType().keySet()));
    }

    /**
     * Why a scenario's finding can never be among an evaluation's, or null when it can: it must be in the vocabulary
     * (else the evaluation would be inconsistent), as lint says of a literal, and some rule must create it. Where a rule
     * computes the scheme or value ({@code $p.name()}), any the vocabulary declares for the type is taken as created.
     * {@code candidates} (null: not given) must be the type's too.
     */
    public String whyNever(String type, String scheme, String value, List<String> candidates) {
        return whyNever(type, scheme, value, candidates, null, null);
    }

    /**
     * As above, for a scenario of {@code service} (null: any): its {@code missing} (null: not given) must be input
     * names, and a rule of the service's packages must create the finding.
     */
    public String whyNever(String type, String scheme, String value, List<String> candidates, List<String> missing,
                           ServiceDefinition service) {
        String outside = outside(type, scheme, value, candidates);
        if (outside == null && missing != null) {
            outside = missing.stream().filter(m -> !inputs.contains(m)).findFirst()
                    .map(m -> "\"" + m + "\" is not an input name" + meant(m, inputs) + "; the input names are "
                            + String.join(", ", inputs)).orElse(null);
        }
        return outside != null || !created.typesKnown() ? outside : notCreated(type, scheme, value, service);
    }

    /** Why a finding is not in the vocabulary (an evaluation giving it would be inconsistent), or null. */
    private String outside(String typeName, String scheme, String value, List<String> candidates) {
        Type type = types.get(typeName);
        if (type == null) {
            return unknownType(typeName, "");
        }
        if (type.schemed() != (scheme != null)) {
            return scheme == null ? "a '" + typeName + "' finding always has a scheme ("
                    + String.join(", ", sorted(type.values().keySet())) + "); give 'scheme'"
                    : "a '" + typeName + "' finding has no scheme; leave out 'scheme'";
        }
        String unknown = scheme == null ? null : type.unknownScheme(scheme);
        if (unknown == null) {
            unknown = type.unknownValue(scheme, value, "");
        }
        if (unknown != null || candidates == null) {
            return unknown;
        }
        return candidates.stream().map(c -> type.unknownCandidate(scheme, c)).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Why no rule creates this declared finding, or null when one does. */
    private String notCreated(String type, String scheme, String value, ServiceDefinition service) {
        String none = notCreated(type, "");
        if (none != null) {
            return none;
        }
        List<Creation> ofType = created.byType().get(type).stream()
                .filter(c -> service == null || service.rulePackages().contains(c.rulePackage())).toList();
        if (ofType.isEmpty()) {
            return "no rule of service " + service.id() + " (" + String.join(", ", service.rulePackages())
                    + ") creates a '" + type + "' finding";
        }
        List<Creation> ofScheme = ofType.stream().filter(c -> c.hasScheme(scheme)).toList();
        if (ofScheme.isEmpty()) {
            return "no rule creates a '" + type + "' finding with scheme '" + scheme + "' (the rules create it with "
                    + String.join(", ", new TreeSet<>(ofType.stream().map(Creation::schemeShown).toList())) + ")";
        }
        if (ofScheme.stream().noneMatch(c -> c.hasValue(value))) {
            return "no rule creates a '" + type + (scheme == null ? "" : " " + scheme) + "' finding with value '"
                    + value + "' (its values: " + String.join(", ", new TreeSet<>(ofScheme.stream().map(Creation::value)
                    .toList())) + ")";
        }
        return null;
    }

    /**
     * What one {@code Finding.of} call creates: its scheme ({@link #NO_SCHEME} without one) and value, each null where
     * the DRL computes it (then any the vocabulary declares for the type).
     */
    private record Creation(String rulePackage, String scheme, String value) {

        boolean hasScheme(String wanted) {
            return scheme == null ? wanted != null : scheme.equals(wanted == null ? NO_SCHEME : wanted);
        }

        boolean hasValue(String wanted) {
            return value == null || value.equals(wanted);
        }

        String schemeShown() {
            return scheme == null ? "a scheme the rule computes" : scheme.isEmpty() ? "no scheme" : scheme;
        }
    }

    /** The rule set's {@code Finding.of} calls by type; {@code typesKnown} is false when one computes its type. */
    private record Created(Map<String, List<Creation>> byType, boolean typesKnown) {

        static Created by(Map<String, String> drlFiles) {
            Map<String, List<Creation>> byType = new HashMap<>();
            boolean typesKnown = true;
            for (String text : drlFiles.values()) {
                Matcher declared = PACKAGE.matcher(text);
                String rulePackage = declared.find() ? declared.group(1) : "";
                for (FindingVocabularyCheck.Call call : FindingVocabularyCheck.creations(text)) {
                    List<FindingVocabularyCheck.Argument> args = call.args();
                    String type = args.isEmpty() ? null : args.get(0).literal();
                    if (type == null || args.size() < 2 || args.size() > 3) {
                        typesKnown = false; // a type the DRL computes (or a call lint cannot read): any type may be created
                        continue;
                    }
                    String scheme = args.size() == 2 || args.get(1).text().equals("null") ? NO_SCHEME : args.get(1).constant();
                    byType.computeIfAbsent(type, t -> new ArrayList<>())
                            .add(new Creation(rulePackage, scheme, args.get(args.size() - 1).constant()));
                }
            }
            return new Created(byType, typesKnown);
        }
    }

    /**
     * Every inconsistency among one evaluation's findings, or an empty list. Runs on every call: a map lookup per
     * finding, and a small map only for the types whose values must agree.
     */
    public List<Inconsistency> inconsistencies(List<ExplainedFinding> findings) {
        List<Inconsistency> found = new ArrayList<>(0);
        Map<Key, List<ExplainedFinding>> byKey = new HashMap<>();
        for (ExplainedFinding explained : findings) {
            Finding f = explained.finding();
            Type t = types.get(f.type());
            if (t == null || !t.allows(f)) {
                found.add(new Inconsistency(f.type(), f.scheme(), List.of(f.value()), false, List.of(explained)));
            } else if (t.per() != OneValuePer.NONE) {
                byKey.computeIfAbsent(new Key(f.type(), f.scheme(), t.per() == OneValuePer.CARD ? f.card() : null),
                        k -> new ArrayList<>(2)).add(explained);
            }
        }
        byKey.forEach((key, same) -> {
            if (same.size() > 1) {
                Set<String> values = new TreeSet<>();
                same.forEach(e -> values.add(e.finding().value()));
                if (values.size() > 1) {
                    found.add(new Inconsistency(key.type(), key.scheme(), List.copyOf(values), true, List.copyOf(same)));
                }
            }
        });
        return found;
    }

    private record Key(String type, String scheme, String card) {
    }

    private static Contract contract() {
        try (InputStream in = FindingVocabulary.class.getResourceAsStream(CONTRACT_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<RuleProblem> problems = new ArrayList<>();
            Map<String, Type> types = new LinkedHashMap<>();
            Set<String> inputs = new TreeSet<>();
            parse(CONTRACT_RESOURCE, text, types, inputs, problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("The bundled contract vocabulary is invalid: " + problems);
            }
            return new Contract(Collections.unmodifiableMap(types), Collections.unmodifiableSet(inputs));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CONTRACT_RESOURCE, e);
        }
    }

    /**
     * Adds the file's types to {@code types}, and its {@code inputs} to {@code inputs}; a type already there (the
     * contract's) may not be declared again.
     */
    private static void parse(String file, String text, Map<String, Type> types, Set<String> inputs,
                              List<RuleProblem> problems) {
        FileBody body;
        try {
            List<RuleProblem> keys = YamlKeys.unknown(RuleSetFiles.SERVICES_YAML, file, text, FileBody.class);
            if (!keys.isEmpty()) {
                problems.addAll(keys);
                return;
            }
            body = RuleSetFiles.SERVICES_YAML.readValue(text, FileBody.class);
        } catch (JacksonException | IllegalArgumentException e) {
            problems.add(RuleSetFiles.yamlProblem(file, e));
            return;
        }
        if (body == null || body.findings() == null) {
            problems.add(RuleSetFiles.error(file, 1, 1, "'findings' is required: a mapping of finding type to its schemes and values"));
            return;
        }
        if (body.inputs() != null) {
            if (body.inputs().contains(null)) {
                int line = RuleSetFiles.lineOf(text, "inputs:");
                problems.add(RuleSetFiles.error(file, line, RuleSetFiles.columnOf(text, line, "inputs:"),
                        "'inputs' has an empty item"));
            } else {
                inputs.addAll(body.inputs());
            }
        }
        body.findings().forEach((name, entry) -> {
            int line = RuleSetFiles.lineOf(text, name + ":");
            int column = RuleSetFiles.columnOf(text, line, name + ":");
            String problem = problem(name, entry, types);
            if (problem != null) {
                problems.add(RuleSetFiles.error(file, line, column, problem));
            } else {
                types.put(name, type(name, entry));
            }
        });
    }

    private static String problem(String name, Entry entry, Map<String, Type> types) {
        if (types.containsKey(name)) {
            return "finding type '" + name + "' is the data contract's: its schemes and values cannot be changed here";
        }
        if (entry == null || (entry.schemes() == null) == (entry.values() == null)) {
            return "finding type '" + name + "' needs either 'schemes' (scheme: [values]) or 'values' (a type without a scheme)";
        }
        boolean empty = entry.values() != null ? entry.values().isEmpty()
                : entry.schemes().isEmpty() || entry.schemes().values().stream().anyMatch(v -> v == null || v.isEmpty());
        if (empty) {
            return "finding type '" + name + "' declares no values" + (entry.values() == null ? " for a scheme" : "");
        }
        boolean blank = (entry.values() != null && entry.values().contains(null))
                || (entry.schemes() != null && entry.schemes().values().stream().anyMatch(v -> v.contains(null)))
                || (entry.candidates() != null && entry.candidates().contains(null));
        if (blank) {
            return "finding type '" + name + "' has an empty item in a list of values or candidates";
        }
        if (entry.oneValuePer() != null && perOf(entry.oneValuePer()) == null) {
            return "finding type '" + name + "': oneValuePer is one of scheme, card, none, not '" + entry.oneValuePer() + "'";
        }
        return null;
    }

    private static Type type(String name, Entry entry) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        if (entry.values() != null) {
            values.put(NO_SCHEME, Set.copyOf(entry.values()));
        } else {
            entry.schemes().forEach((scheme, v) -> values.put(scheme, Set.copyOf(v)));
        }
        Set<String> candidates = entry.candidates() == null ? Set.of() : Set.copyOf(entry.candidates());
        OneValuePer per = entry.oneValuePer() == null ? OneValuePer.SCHEME : perOf(entry.oneValuePer());
        return new Type(name, Collections.unmodifiableMap(values), candidates, per);
    }

    private static OneValuePer perOf(String text) {
        for (OneValuePer p : OneValuePer.values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(text)) {
                return p;
            }
        }
        return null;
    }

    /** The declared word a misspelling probably means, as " (did you mean …?)", or nothing. */
    static String meant(String word, Set<String> allowed) {
        Optional<String> closest = ConfigKeys.closest(word, List.copyOf(allowed));
        return closest.map(m -> " (did you mean \"" + m + "\"?)").orElse("");
    }

    static List<String> sorted(Set<String> words) {
        return List.copyOf(new TreeSet<>(words));
    }
}
