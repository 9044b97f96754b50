package org.allcds.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies of the repository's rule set for tests that edit rules, with the example request the scenarios read. */
final class RuleFolders {

    static final Path RULES = Path.of("rules");
    static final Path EXAMPLE_A = Path.of("fhir-profiles/requests/ped-all-risk-example-a.json");

    private RuleFolders() {
    }

    /**
     * {@code root/rules} as a copy of {@code rules/}, and {@code root/fhir-profiles} beside it, so scenario files that
     * point at {@code ../../../fhir-profiles/…} still find their data.
     */
    static Path copy(Path root) {
        copyTree(RULES, root.resolve("rules"));
        copyTree(Path.of("fhir-profiles"), root.resolve("fhir-profiles"));
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
