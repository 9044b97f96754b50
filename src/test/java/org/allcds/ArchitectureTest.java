package org.allcds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the direction of the request path (web → pipeline → prefetch → mapping → engine → cards): each package may
 * not import the packages listed against it. Reports every offending import at once.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/org/allcds");
    private static final List<String> HAPI = List.of("org.hl7.", "ca.uhn.");
    private static final List<String> OURS_ABOVE_FACTS = List.of("org.allcds.hooks", "org.allcds.catalog",
            "org.allcds.prefetch", "org.allcds.mapping", "org.allcds.engine", "org.allcds.cards", "org.allcds.pipeline",
            "org.allcds.web", "org.allcds.security", "org.allcds.scenario", "org.allcds.system", "org.allcds.errors");

    /** Package → import prefixes it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "facts", concat(OURS_ABOVE_FACTS, HAPI, List.of("org.springframework", "org.kie", "org.drools", "tools.jackson")),
            "hooks", concat(OURS_ABOVE_FACTS.stream().filter(p -> !p.endsWith(".hooks")).toList(), HAPI),
            "catalog", concat(List.of("org.allcds.engine", "org.allcds.web", "org.allcds.pipeline", "org.allcds.mapping"), HAPI),
            "mapping", List.of("org.allcds.engine", "org.allcds.cards", "org.allcds.web", "org.allcds.pipeline",
                    "org.allcds.security", "org.allcds.scenario", "org.kie", "org.drools"),
            "prefetch", List.of("org.allcds.mapping", "org.allcds.engine", "org.allcds.cards", "org.allcds.web",
                    "org.allcds.pipeline", "org.allcds.scenario", "org.kie", "org.drools"),
            "engine", concat(List.of("org.allcds.prefetch", "org.allcds.mapping", "org.allcds.cards", "org.allcds.web",
                    "org.allcds.pipeline", "org.allcds.security", "org.allcds.hooks"), HAPI),
            "cards", List.of("org.allcds.web", "org.allcds.pipeline", "org.allcds.prefetch", "org.allcds.mapping",
                    "org.allcds.security"),
            "pipeline", List.of("org.allcds.web", "org.allcds.security"),
            "integrity", List.of("org.allcds.engine", "org.allcds.cards", "org.allcds.web", "org.allcds.pipeline",
                    "org.allcds.security", "org.allcds.scenario", "org.kie", "org.drools"),
            "errors", concat(List.of("org.allcds.web", "org.allcds.pipeline", "org.allcds.engine"), HAPI));

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    @Test
    void packagesImportOnlyAlongTheRequestPath() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = SOURCES.resolve(rule.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String imported = importOf(line);
                        if (imported != null && rule.getValue().stream().anyMatch(imported::startsWith)) {
                            offences.add(SOURCES.relativize(file) + " imports " + imported);
                        }
                    }
                }
            }
        }
        assertThat(offences).as("imports against the request path").isEmpty();
    }

    private static String importOf(String line) {
        String l = line.trim();
        if (!l.startsWith("import ")) {
            return null;
        }
        return l.replaceFirst("^import\\s+(static\\s+)?", "").replace(";", "").trim();
    }
}
