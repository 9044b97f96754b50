package org.allcds.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The findings a rule set can produce, read from its {@code Finding.of(type, [scheme,] value)} calls, so that a
 * scenario cannot expect (or exclude) a finding no rule creates: an excluded {@code nci-risk NCI STANDRAD}, or an
 * {@code nci-risk} without its scheme, would never match and the scenario would pass whatever the rules do. A scheme
 * or value the DRL computes ({@code $p.name()}) may be any of the local CodeSystem's schemes, order kinds or finding
 * values; a value of {@code missing-data} or {@code data-quality} computed in DRL is not checked.
 */
public final class FindingKinds {

    private static final Pattern CALL = Pattern.compile("\\bFinding\\.of\\(");
    private static final Pattern STATIC_NAME = Pattern.compile("[A-Z]\\w*\\.([A-Z][A-Z0-9_]*)\\.name\\(\\)");
    private static final String CODE_SYSTEM = "allcds-fhir-profiles/terminology/CodeSystem-all-cds.json";
    private static final Vocabulary VOCABULARY = Vocabulary.load();

    /** Per type: the schemes (null = created without one) and values; {@code any…} when the DRL computes them. */
    private static final class Kind {
        final Set<String> schemes = new TreeSet<>();
        final Set<String> values = new TreeSet<>();
        boolean withoutScheme;
        boolean anyScheme;
        boolean anyValue;
    }

    private final Map<String, Kind> kinds;
    private final boolean complete;

    private FindingKinds(Map<String, Kind> kinds, boolean complete) {
        this.kinds = kinds;
        this.complete = complete;
    }

    static FindingKinds of(Map<String, String> drlFiles) {
        Map<String, Kind> kinds = new HashMap<>();
        boolean complete = true;
        for (String text : drlFiles.values()) {
            Matcher call = CALL.matcher(text);
            while (call.find()) {
                List<FindingVocabularyCheck.Argument> args = FindingVocabularyCheck.arguments(text, call.end());
                String type = args.isEmpty() ? null : args.get(0).literal();
                if (type == null || args.size() < 2 || args.size() > 3) {
                    complete = false; // a type the DRL computes: any expectation may match
                    continue;
                }
                Kind kind = kinds.computeIfAbsent(type, t -> new Kind());
                if (args.size() == 2) {
                    kind.withoutScheme = true;
                } else {
                    String scheme = constant(args.get(1));
                    if (scheme == null) {
                        kind.anyScheme = true;
                    } else {
                        kind.schemes.add(scheme);
                    }
                }
                String value = constant(args.get(args.size() - 1));
                if (value == null) {
                    kind.anyValue = true;
                } else {
                    kind.values.add(value);
                }
            }
        }
        return new FindingKinds(kinds, complete);
    }

    /** Why no rule can produce this finding, or null when one can. */
    public String whyNever(String type, String scheme, String value) {
        if (!complete) {
            return null;
        }
        Kind kind = kinds.get(type);
        if (kind == null) {
            return "no rule creates a finding of type '" + type + "' (the rules create " + String.join(", ",
                    new TreeSet<>(kinds.keySet())) + ")";
        }
        if (scheme == null && !kind.withoutScheme) {
            return "a '" + type + "' finding always has a scheme (" + schemes(kind) + "); give 'scheme'";
        }
        if (scheme != null && !kind.schemes.contains(scheme) && !(kind.anyScheme && VOCABULARY.schemes.contains(scheme))) {
            return "no rule creates a '" + type + "' finding with scheme '" + scheme + "' (" + schemes(kind) + ")";
        }
        boolean codeValued = VOCABULARY.codeValuedTypes.contains(type);
        if (!kind.values.contains(value) && !(kind.anyValue && (codeValued || VOCABULARY.values.contains(value)))) {
            return "no rule creates a '" + type + "' finding with value '" + value + "' ("
                    + (kind.anyValue ? "values are the CodeSystem's finding values" : "its values: " + String.join(", ", kind.values)) + ")";
        }
        return null;
    }

    private static String schemes(Kind kind) {
        Set<String> known = new TreeSet<>(kind.schemes);
        if (kind.anyScheme) {
            known.add("or a scheme the rule computes");
        }
        return known.isEmpty() ? "none" : String.join(", ", known);
    }

    /** A string literal, or a constant's {@code name()}: the text it stands for; null when the DRL computes it. */
    private static String constant(FindingVocabularyCheck.Argument arg) {
        String literal = arg.literal();
        if (literal != null) {
            return literal;
        }
        Matcher m = STATIC_NAME.matcher(arg.text());
        return m.matches() ? m.group(1) : null;
    }

    /** The local CodeSystem's schemes and order kinds (as the enums name them) and finding values. */
    private record Vocabulary(Set<String> schemes, Set<String> values, Set<String> codeValuedTypes) {

        static Vocabulary load() {
            Set<String> schemes = new TreeSet<>();
            Set<String> values = new TreeSet<>();
            try (InputStream in = FindingKinds.class.getClassLoader().getResourceAsStream(CODE_SYSTEM)) {
                if (in != null) {
                    collect(JsonMapper.builder().build().readTree(in).path("concept"), null, schemes, values);
                }
            } catch (IOException e) {
                // without the CodeSystem only the schemes and values the DRL names are known
            }
            return new Vocabulary(schemes, values, Set.of("missing-data", "data-quality"));
        }

        private static void collect(JsonNode concepts, String parent, Set<String> schemes, Set<String> values) {
            for (JsonNode c : concepts) {
                String code = c.path("code").asString("");
                if ("scheme".equals(parent) || "order-kind".equals(parent)) {
                    schemes.add(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                }
                for (JsonNode p : c.path("property")) {
                    if ("finding-value".equals(p.path("code").asString(""))) {
                        values.add(p.path("valueString").asString(""));
                    }
                }
                collect(c.path("concept"), code, schemes, values);
            }
        }
    }
}
