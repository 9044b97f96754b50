package org.allcds.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.allcds.files.Utf8Text;

/**
 * The text of a rule set as read from its folder: every {@code *.drl} outside {@code tests/}, plus
 * {@code services.yaml}, {@code config.yaml}, and {@code findings.yaml} and {@code rule-versions.tsv} (when present).
 * Paths are relative, with '/' separators, sorted. The hash covers exactly these files, so two folders with the same
 * rules have the same hash whatever their location or timestamps.
 */
public record RuleSetSource(Path dir, Map<String, String> files, String hash) {

    public static final String SERVICES_FILE = "services.yaml";
    public static final String CONFIG_FILE = "config.yaml";
    /** The rule set's own finding types ({@link FindingVocabulary}); optional. */
    public static final String FINDINGS_FILE = "findings.yaml";
    /** The logic each rule version stands for ({@link RuleVersionCheck}); optional. */
    public static final String VERSIONS_FILE = VersionLedger.FILE;
    static final String TESTS_DIR = "tests";

    public static RuleSetSource read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleSetException("Rules folder not found: " + dir.getFileName(),
                    List.of(new RuleProblem(String.valueOf(dir.getFileName()), 0, 0, RuleProblem.Severity.ERROR,
                            "rules folder does not exist")));
        }
        Map<String, String> files = new TreeMap<>();
        List<RuleProblem> unreadable = new ArrayList<>(foldersNamedAsFiles(dir));
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.filter(Files::isRegularFile)
                    .filter(p -> isRuleSetFile(dir.relativize(p)))
                    .forEach(p -> readText(relative(dir, p), p, files, unreadable));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rules folder", e);
        }
        if (!unreadable.isEmpty()) {
            throw new RuleSetException("Rule files that cannot be read", unreadable);
        }
        return new RuleSetSource(dir, files, hashOf(files));
    }

    /**
     * A folder where the rule set reads one of its named files: read past as no file, it would turn an optional file's
     * check off (no ledger, no version check) without a word.
     */
    private static List<RuleProblem> foldersNamedAsFiles(Path dir) {
        return Stream.of(SERVICES_FILE, CONFIG_FILE, FINDINGS_FILE, VERSIONS_FILE)
                .filter(name -> Files.isDirectory(dir.resolve(name)))
                .map(name -> new RuleProblem(name, 0, 0, RuleProblem.Severity.ERROR,
                        "a folder, where the rule set reads a file of this name"))
                .toList();
    }

    private static boolean isRuleSetFile(Path rel) {
        String name = rel.getFileName().toString();
        if (rel.getNameCount() == 1) {
            return name.endsWith(".drl") || name.equals(SERVICES_FILE) || name.equals(CONFIG_FILE)
                    || name.equals(FINDINGS_FILE) || name.equals(VERSIONS_FILE);
        }
        return name.endsWith(".drl") && !rel.getName(0).toString().equals(TESTS_DIR);
    }

    public Map<String, String> drlFiles() {
        Map<String, String> drl = new TreeMap<>(files);
        drl.keySet().removeIf(k -> !k.endsWith(".drl"));
        return drl;
    }

    public String text(String relativePath) {
        return files.get(relativePath);
    }

    /** The first 12 hex digits of the hash, for ReleaseIds and short display. */
    public String shortHash() {
        return hash.substring(0, 12);
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /**
     * The text of one named file of a rule folder, read as {@link #read} reads each; null when there is no such file.
     * A file saved in another encoding is a {@link RuleSetException} at its first byte that is not UTF-8; one that
     * cannot be read (a folder of that name, say) an {@link UncheckedIOException}.
     */
    static String readFile(Path dir, String relative) {
        Path file = dir.resolve(relative);
        if (!Files.exists(file)) {
            return null;
        }
        List<RuleProblem> unreadable = new ArrayList<>();
        String text = text(relative, file, unreadable);
        if (!unreadable.isEmpty()) {
            throw new RuleSetException(relative + " is not UTF-8", unreadable);
        }
        return text;
    }

    /** Adds the file's text, or, for a file saved in another encoding, a problem at its first byte that is not UTF-8. */
    private static void readText(String relative, Path file, Map<String, String> files, List<RuleProblem> unreadable) {
        String text = text(relative, file, unreadable);
        if (text != null) {
            files.put(relative, text);
        }
    }

    /** The file's text; null, with a problem at its first byte that is not UTF-8, for a file in another encoding. */
    private static String text(String relative, Path file, List<RuleProblem> unreadable) {
        try {
            return Utf8Text.read(file);
        } catch (Utf8Text.NotUtf8Exception e) {
            unreadable.add(new RuleProblem(relative, e.line(), e.column(), RuleProblem.Severity.ERROR,
                    Utf8Text.PROBLEM));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + relative, e);
        }
    }

    /**
     * A hash of every file under the folder's {@code tests/} (the author scenarios the gate runs), which the rule set's
     * hash leaves out: a scenario edited with the rules unchanged must still be run. Empty text without a tests/.
     */
    public static String scenariosHash(Path dir) {
        Path tests = dir.resolve(TESTS_DIR);
        if (!Files.isDirectory(tests)) {
            return "";
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(tests)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(relative(dir, p), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules folder's tests", e);
        }
        return hashOf(files);
    }

    static String hashOf(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((path, text) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
