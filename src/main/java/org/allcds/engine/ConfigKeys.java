package org.allcds.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.allcds.facts.RuleConfig;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;

/**
 * The keys of {@code config.yaml}, checked by name before the file is bound. Jackson reports an unknown or missing
 * property of a record at the end of the document, in its own words and without naming a misspelt key; here each
 * unknown key is an error at its own line and column, with the key it probably means, and a missing key is an error
 * at the line of the mapping that should hold it.
 */
final class ConfigKeys {

    private static final String CONFIG = "config";
    private static final List<String> TOP_KEYS = List.of("version", CONFIG);
    private static final List<String> CONFIG_KEYS = Arrays.stream(RuleConfig.class.getRecordComponents())
            .map(c -> c.getName()).toList();

    private ConfigKeys() {
    }

    /** The key problems of the file; none when the text is not a mapping (binding then reports what it is). */
    static List<RuleProblem> check(ObjectMapper yaml, String text) {
        List<RuleProblem> problems = new ArrayList<>();
        try (JsonParser p = yaml.createParser(text)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                checkMapping(p, TOP_KEYS, "the file", 1, 1, problems);
            }
        }
        return problems;
    }

    /** Reads one mapping up to its end; the {@code config} mapping at the top is checked against RuleConfig's keys. */
    private static void checkMapping(JsonParser p, List<String> allowed, String where, int line, int column,
                                     List<RuleProblem> problems) {
        Set<String> present = new LinkedHashSet<>();
        Set<String> suggested = new LinkedHashSet<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            TokenStreamLocation at = p.currentTokenLocation();
            JsonToken value = p.nextToken();
            if (allowed.contains(key) && !present.add(key)) {
                // YAML binding keeps the last of two values without a word: a second infantAgeYears made infants of
                // one-year-olds
                problems.add(RuleSetFiles.error(RuleSetSource.CONFIG_FILE, at.getLineNr(), at.getColumnNr(),
                        duplicateKey(key)));
            } else if (!allowed.contains(key)) {
                Optional<String> meant = closest(key, allowed);
                meant.ifPresent(suggested::add);
                problems.add(RuleSetFiles.error(RuleSetSource.CONFIG_FILE, at.getLineNr(), at.getColumnNr(),
                        unknownKey(key, meant)));
            }
            if (allowed == TOP_KEYS && key.equals(CONFIG) && value == JsonToken.START_OBJECT) {
                checkMapping(p, CONFIG_KEYS, "'config'", at.getLineNr(), at.getColumnNr(), problems);
            } else {
                p.skipChildren();
            }
        }
        reportMissing(allowed, present, suggested, where, line, column, problems);
    }

    /** A key an unknown key's message already names is not reported again: one misspelling, one error. */
    private static void reportMissing(List<String> allowed, Set<String> present, Set<String> suggested, String where,
                                      int line, int column, List<RuleProblem> problems) {
        allowed.stream()
                .filter(k -> !present.contains(k) && !suggested.contains(k))
                .forEach(k -> problems.add(RuleSetFiles.error(RuleSetSource.CONFIG_FILE, line, column,
                        "missing key '" + k + "' in " + where)));
    }

    /** "unknown key 'k'", with the key it probably means. */
    /** A key given twice in one mapping, which YAML would read as its last value without a word. */
    static String duplicateKey(String key) {
        return "duplicate key '" + key + "': only one value may be given";
    }

    static String unknownKey(String key, Optional<String> meant) {
        return "unknown key '" + key + "'" + meant.map(m -> " (did you mean '" + m + "'?)").orElse("");
    }

    /** The allowed key closest in spelling, when it is close enough to be a typo (case ignored). */
    static Optional<String> closest(String key, List<String> allowed) {
        int limit = Math.max(2, key.length() / 5);
        return allowed.stream()
                .filter(k -> distance(key.toLowerCase(), k.toLowerCase()) <= limit)
                .min(Comparator.comparingInt(k -> distance(key.toLowerCase(), k.toLowerCase())));
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
