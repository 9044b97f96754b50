package org.allcds.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scenario files as last parsed, kept between runs of the reload gate: an author edits rules far more often than
 * scenarios, and reading them (YAML, base patients) was about a fifth of the gate. A file's parse is reused only while
 * its text and the text of every base patient are exactly what they were when it was parsed, so a reused scenario is
 * the one reading it again would give (the parse depends on nothing else: data files a scenario names are read when it
 * runs). Holds the scenarios of the files last asked for, nothing more.
 */
final class ParsedScenarios {

    private record Entry(String text, String bases, ScenarioReader.Parsed parsed) {
    }

    private final ScenarioReader reader;
    private final Map<Path, Entry> byFile = new ConcurrentHashMap<>();
    /** The base patients of the folder last read, shared by its scenarios: each base is parsed once per text. */
    private volatile SharedBases shared;

    private record SharedBases(Path rulesDir, BasePatients patients) {
    }

    ParsedScenarios(ScenarioReader reader) {
        this.reader = reader;
    }

    /** The content of the base patients under {@code rulesDir/tests/bases/}, as one key ("" when there are none). */
    static String bases(Path rulesDir) {
        Path dir = rulesDir.resolve(ScenarioReader.TESTS_DIR).resolve(BasePatients.DIR);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder key = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(file);
                key.append(dir.relativize(file)).append('\0').append(text.length()).append('\0').append(text).append('\0');
            }
            return key.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the base patients", e);
        }
    }

    /** {@code file} parsed, from the last parse when neither its text nor {@code bases} changed since. */
    ScenarioReader.Parsed get(Path rulesDir, Path file, String bases) {
        Path key = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            byFile.remove(key);
            return reader.read(rulesDir, file);
        }
        Entry cached = byFile.get(key);
        if (cached != null && cached.text.equals(text) && cached.bases.equals(bases)
                && cached.parsed.file().equals(relative(rulesDir, file))) {
            return cached.parsed;
        }
        ScenarioReader.Parsed parsed = reader.read(rulesDir, file, text, basePatients(rulesDir));
        byFile.put(key, new Entry(text, bases, parsed));
        return parsed;
    }

    /** Forgets every file but these (scenarios deleted or from another folder). */
    void keepOnly(List<Path> files) {
        Set<Path> keep = files.stream().map(f -> f.toAbsolutePath().normalize()).collect(Collectors.toSet());
        byFile.keySet().retainAll(keep);
    }

    private BasePatients basePatients(Path rulesDir) {
        SharedBases current = shared;
        if (current == null || !current.rulesDir.equals(rulesDir)) {
            current = new SharedBases(rulesDir, ScenarioReader.basePatients(rulesDir));
            shared = current;
        }
        return current.patients;
    }

    int size() {
        return byFile.size();
    }

    private static String relative(Path rulesDir, Path file) {
        return rulesDir.relativize(file).toString().replace('\\', '/');
    }
}
