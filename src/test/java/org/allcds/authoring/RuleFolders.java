package org.allcds.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Rule folders for the authoring tests. Tests that edit rules work on a copy of a small, stable fixture rule set
 * ({@link #FIXTURE}) whose text does not change when the clinical rules do; tests of the bundled rule set
 * ({@link #RULES}) only assert what does not depend on the rules' wording.
 */
final class RuleFolders {

    /** The bundled clinical rule set. */
    static final Path RULES = Path.of("rules");
    /** Worked example A, as a CDS Hooks request. */
    static final Path EXAMPLE_A = Path.of("fhir-profiles/requests/ped-all-risk-example-a.json");

    /**
     * The fixture rule set: the bundled config.yaml and services (with their prefetch templates), NCI risk, COG
     * relapse timing and missing-demographics rules, and one scenario, {@link #FIXTURE_SCENARIO}, that reads
     * {@link #FIXTURE_REQUEST} from inside the folder.
     */
    static final Path FIXTURE = Path.of("src/test/resources/authoring/rules");
    /** The fixture's one scenario, relative to the rules folder: example A is NCI standard risk (R-DX-02). */
    static final String FIXTURE_SCENARIO = "tests/risk/nci-standard-risk-example-a.yaml";
    /** The fixture's copy of worked example A, relative to the rules folder. */
    static final String FIXTURE_REQUEST = "requests/ped-all-risk-example-a.json";

    private RuleFolders() {
    }

    /** {@code root/rules} as a copy of the fixture rule set; self-contained, so scenarios find their request inside it. */
    static Path copy(Path root) {
        copyTree(FIXTURE, root.resolve("rules"));
        return root.resolve("rules");
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the one occurrence of {@code from} in the file; fails loudly if the rule text moved on. */
    static void edit(Path file, String from, String to) {
        String text = read(file);
        if (!text.contains(from)) {
            throw new IllegalStateException(file.getFileName() + " no longer contains: " + from);
        }
        write(file, text.replace(from, to));
    }
}
