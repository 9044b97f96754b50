package org.allcds.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads scenario files; a file that cannot be read becomes a problem message naming the file and position. */
public final class ScenarioReader {

    static final String TESTS_DIR = "tests";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** A parsed scenario, or the reason it could not be read. */
    public record Parsed(Scenario scenario, String file, String problem) {
    }

    List<Parsed> readAll(Path rulesDir) {
        Path tests = rulesDir.resolve(TESTS_DIR);
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tests)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .map(p -> read(rulesDir, p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the scenarios folder", e);
        }
    }

    Parsed read(Path rulesDir, Path path) {
        String file = rulesDir.relativize(path).toString().replace('\\', '/');
        try {
            JsonNode root = YAML.readTree(Files.readString(path));
            return new Parsed(toScenario(file, path, root), file, null);
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            return new Parsed(null, file, file + at + ": error: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return new Parsed(null, file, file + ": error: " + e.getMessage());
        } catch (IOException e) {
            return new Parsed(null, file, file + ": error: cannot read the file");
        }
    }

    private static Scenario toScenario(String file, Path path, JsonNode root) {
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
        String name = text(root, "name") == null ? file : text(root, "name");
        return new Scenario(file, path, name, service, at, input,
                expect.has("findings") ? findings(expect.get("findings"), "findings") : null,
                findings(expect.get("includes"), "includes"), findings(expect.get("excludes"), "excludes"),
                strings(expect.get("rulesFired"), "rulesFired"));
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
            if (text(f, "type") == null || text(f, "value") == null) {
                throw new IllegalArgumentException("every finding in expect." + field + " needs 'type' and 'value'");
            }
            result.add(new ExpectedFinding(text(f, "type"), text(f, "scheme"), text(f, "value"),
                    f.has("candidates") ? strings(f.get("candidates"), "candidates") : null,
                    f.has("missing") ? strings(f.get("missing"), "missing") : null, text(f, "order")));
        }
        return result;
    }

    private static List<String> strings(JsonNode list, String field) {
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
