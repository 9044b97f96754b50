package org.allcds.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.allcds.files.Utf8Text;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.pipeline.EvaluationTimes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads scenario files; a file that cannot be read becomes a problem message naming the file and position. The format
 * is strict so that a scenario cannot pass by accident: an unknown key (a typo such as {@code findngs:}) and a
 * scenario that expects nothing are errors. Files under {@code tests/bases/} are base patients, not scenarios.
 */
public final class ScenarioReader {

    static final String TESTS_DIR = "tests";
    /** Two {@code includes:} (or {@code change:}) blocks would otherwise keep the last one without a word. */
    static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<String> TOP_KEYS = List.of("name", "service", "evaluationTime", "input", "expect");
    private static final List<String> DATA_SOURCES = List.of("bundle", "bundleFile", "requestFile", "prefetch", "base");
    private static final List<String> BASE_CHANGES = List.of("change", "remove", "add");
    private static final List<String> INPUT_KEYS = Stream.of(DATA_SOURCES, BASE_CHANGES, List.of("context"))
            .flatMap(List::stream).toList();
    /** {@code noCheckedOrder: true} says that none of the draft orders is one the order checks know (see the runner). */
    static final String NO_CHECKED_ORDER = "noCheckedOrder";
    private static final List<String> EXPECT_KEYS = List.of("findings", "includes", "excludes", "rulesFired", NO_CHECKED_ORDER);
    private static final List<String> FINDING_KEYS = List.of("type", "scheme", "value", "candidates", "missing", "order");
    /** The card's words are asserted of a finding expected, not excluded: excluding them would pass on any rewording. */
    private static final String SUMMARY = "summary";
    private static final List<String> EXPECTED_FINDING_KEYS = Stream.concat(FINDING_KEYS.stream(), Stream.of(SUMMARY)).toList();

    /** A parsed scenario, or the reason it could not be read. */
    public record Parsed(Scenario scenario, String file, String problem) {
    }

    List<Parsed> readAll(Path rulesDir) {
        BasePatients bases = basePatients(rulesDir);
        return files(rulesDir).stream().map(p -> read(rulesDir, p, bases)).toList();
    }

    /** The scenario files under {@code rulesDir/tests/} (base patients aside), in file order. */
    List<Path> files(Path rulesDir) {
        Path tests = rulesDir.resolve(TESTS_DIR);
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tests)) {
            return files.filter(Files::isRegularFile)
                    .filter(ScenarioReader::isYaml)
                    .filter(p -> !p.startsWith(tests.resolve(BasePatients.DIR)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the scenarios folder", e);
        }
    }

    /** {@code .yaml} or {@code .yml} in any case: a scenario saved as {@code x.YAML} must not be skipped unseen. */
    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    Parsed read(Path rulesDir, Path path) {
        return read(rulesDir, path, basePatients(rulesDir));
    }

    private Parsed read(Path rulesDir, Path path, BasePatients bases) {
        try {
            return read(rulesDir, path, Utf8Text.read(path), bases);
        } catch (Utf8Text.NotUtf8Exception e) {
            return new Parsed(null, file(rulesDir, path), file(rulesDir, path) + ":" + e.line() + ":" + e.column()
                    + ": error: " + Utf8Text.PROBLEM);
        } catch (IOException e) {
            return new Parsed(null, file(rulesDir, path), file(rulesDir, path) + ": error: cannot read the file");
        }
    }

    /** The scenario in {@code text}, the content of {@code path}. */
    Parsed read(Path rulesDir, Path path, String text) {
        return read(rulesDir, path, text, basePatients(rulesDir));
    }

    /** As {@link #read(Path, Path, String)}, building on {@code bases}, the base patients of {@code rulesDir}. */
    Parsed read(Path rulesDir, Path path, String text, BasePatients bases) {
        String file = file(rulesDir, path);
        try {
            JsonNode root = YAML.readTree(text);
            return new Parsed(toScenario(file, path, root, bases), file, null);
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            return new Parsed(null, file, file + at + ": error: " + e.getOriginalMessage());
        } catch (AtKey e) {
            return new Parsed(null, file, file + keyPosition(text, e.key) + ": error: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Parsed(null, file, file + ": error: " + e.getMessage());
        }
    }

    /** The base patients under {@code rulesDir/tests/bases/}, read when a scenario first names one. */
    static BasePatients basePatients(Path rulesDir) {
        return new BasePatients(rulesDir.resolve(TESTS_DIR));
    }

    private static String file(Path rulesDir, Path path) {
        return rulesDir.relativize(path).toString().replace('\\', '/');
    }

    /** A problem reported at a key of the file: its position is found in the text. */
    private static class AtKey extends IllegalArgumentException {
        private final String key;

        AtKey(String key, String message) {
            super(message);
            this.key = key;
        }
    }

    /** A key the scenario format does not know (a typo such as {@code findngs:} would otherwise be ignored). */
    private static final class UnknownKey extends AtKey {
        UnknownKey(String key, String where, List<String> known) {
            super(key, "unknown key '" + key + "' in " + where + " (expected one of: " + String.join(", ", known) + ")");
        }
    }

    private static Scenario toScenario(String file, Path path, JsonNode root, BasePatients bases) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a scenario is a YAML mapping with 'service', 'evaluationTime', 'input'"
                    + " and 'expect'");
        }
        checkKeys(root, "the scenario", TOP_KEYS);
        String service = text(root, "service");
        String at = text(root, "evaluationTime");
        JsonNode input = root.get("input");
        if (service == null || at == null || input == null || !input.isObject()) {
            throw new IllegalArgumentException("a scenario needs 'service', 'evaluationTime' and an 'input' object");
        }
        JsonNode expect = root.get("expect");
        if (expect == null || !expect.isObject()) {
            throw new IllegalArgumentException("a scenario needs an 'expect' object");
        }
        try {
            EvaluationTimes.parse(at);
        } catch (InvalidCdsRequestException e) {
            // the service's words name the request's field; the author wrote the scenario's
            String why = e.getMessage();
            throw new AtKey("evaluationTime", "evaluationTime '" + at + "'" + why.substring(why.indexOf(" is ")));
        }
        checkKeys(input, "input", INPUT_KEYS);
        checkKeys(expect, "expect", EXPECT_KEYS);
        String name = text(root, "name") == null ? file : text(root, "name");
        Scenario scenario = new Scenario(file, path, name, service, at, patientData(input, bases),
                expect.has("findings") ? findings(expect.get("findings"), "findings") : null,
                findings(expect.get("includes"), "includes"), findings(expect.get("excludes"), "excludes"),
                strings(expect.get("rulesFired"), "rulesFired"), expect.path(NO_CHECKED_ORDER).asBoolean(false));
        if (scenario.findings() == null && scenario.includes().isEmpty() && scenario.excludes().isEmpty()
                && scenario.rulesFired().isEmpty()) {
            throw new IllegalArgumentException("the scenario expects nothing: give expect.findings (the exact set;"
                    + " [] for none), includes, excludes or rulesFired");
        }
        return scenario;
    }

    /** The input with exactly one data source; a base patient is materialised into an inline {@code bundle}. */
    private static JsonNode patientData(JsonNode input, BasePatients bases) {
        List<String> sources = DATA_SOURCES.stream().filter(input::has).toList();
        if (sources.size() != 1) {
            throw new IllegalArgumentException("input needs exactly one of " + String.join(", ", DATA_SOURCES)
                    + (sources.isEmpty() ? "" : " (found " + String.join(", ", sources) + ")"));
        }
        boolean changes = BASE_CHANGES.stream().anyMatch(input::has);
        if (!input.has("base")) {
            if (changes) {
                throw new IllegalArgumentException("input." + String.join("/", BASE_CHANGES) + " need input.base");
            }
            return input;
        }
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        resolved.set("bundle", bases.bundle(input));
        if (input.has("context")) {
            resolved.set("context", input.get("context"));
        }
        return resolved;
    }

    private static void checkKeys(JsonNode node, String where, List<String> known) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw new UnknownKey(key, where, known);
            }
        }
    }

    /** {@code :line:column} of the first {@code key:} in the text (YAML block or flow style), or "" when not found. */
    static String keyPosition(String text, String key) {
        if (text == null) {
            return "";
        }
        Pattern p = Pattern.compile("(^|[\\s{,-])(" + Pattern.quote(key)
                + "|'" + Pattern.quote(key) + "'|\"" + Pattern.quote(key) + "\")\\s*:");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = p.matcher(lines[i]);
            if (m.find()) {
                return ":" + (i + 1) + ":" + (m.start(2) + 1);
            }
        }
        return "";
    }

    private static List<ExpectedFinding> findings(JsonNode list, String field) {
        List<ExpectedFinding> result = new ArrayList<>();
        if (list == null || list.isNull()) {
            return result;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("expect." + field + " must be a list");
        }
        for (JsonNode f : list) {
            if (!f.isObject()) {
                throw new IllegalArgumentException("every finding in expect." + field + " is a mapping {type, scheme, value}");
            }
            if (text(f, "type") == null || text(f, "value") == null) {
                throw new IllegalArgumentException("every finding in expect." + field + " needs 'type' and 'value'");
            }
            checkKeys(f, "a finding of expect." + field, field.equals("excludes") ? FINDING_KEYS : EXPECTED_FINDING_KEYS);
            result.add(new ExpectedFinding(text(f, "type"), text(f, "scheme"), text(f, "value"),
                    f.has("candidates") ? strings(f.get("candidates"), "candidates") : null,
                    f.has("missing") ? strings(f.get("missing"), "missing") : null, text(f, "order"), text(f, SUMMARY)));
        }
        return result;
    }

    static List<String> strings(JsonNode list, String field) {
        List<String> result = new ArrayList<>();
        if (list == null || list.isNull()) {
            return result;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(field + " must be a list");
        }
        list.forEach(v -> result.add(v.asString()));
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
