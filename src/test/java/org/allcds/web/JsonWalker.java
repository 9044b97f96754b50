package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * CDS Hooks 2.0 §Extensions / JSON rules: "JSON elements SHALL NOT be null … SHALL NOT be empty, unless otherwise
 * specified". Walks a whole document and reports every null, empty string, empty array and empty object by JSON path.
 */
final class JsonWalker {

    private JsonWalker() {
    }

    /** Fails listing every offending path; {@code allowedEmpty} names paths that may be empty (e.g. {@code cards}). */
    static void assertNoNullOrEmpty(JsonNode root, String... allowedEmpty) {
        List<String> problems = new ArrayList<>();
        walk(root, "$", Set.of(allowedEmpty), problems);
        assertThat(problems).as("null or empty members in %s", root).isEmpty();
    }

    static List<String> problems(JsonNode root) {
        List<String> problems = new ArrayList<>();
        walk(root, "$", Set.of(), problems);
        return problems;
    }

    private static void walk(JsonNode node, String path, Set<String> allowedEmpty, List<String> problems) {
        String relative = path.equals("$") ? "" : path.substring(2);
        if (node.isNull()) {
            problems.add(path + " is null");
        } else if (node.isString() && node.asString().isEmpty()) {
            problems.add(path + " is an empty string");
        } else if (node.isContainer() && node.isEmpty() && !allowedEmpty.contains(relative)) {
            problems.add(path + " is empty");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), path + "." + e.getKey(), allowedEmpty, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", allowedEmpty, problems);
            }
        }
    }
}
