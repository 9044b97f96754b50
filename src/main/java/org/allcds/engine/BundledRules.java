package org.allcds.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The rule set shipped inside the jar (the repository's {@code rules/} at build time), unpacked to a temporary folder
 * so that the jar runs anywhere with its embedded defaults. Whoever unpacks it deletes it ({@link #delete}); a JVM
 * exit hook cannot, as {@code deleteOnExit} removes only empty folders.
 */
public final class BundledRules {

    static final String ROOT = "allcds-rules/";

    private BundledRules() {
    }

    public static Path unpack() {
        try {
            Path target = Files.createTempDirectory("allcds-rules");
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "**");
            for (Resource r : resources) {
                String url = r.getURL().toString();
                int at = url.lastIndexOf(ROOT);
                String relative = url.substring(at + ROOT.length());
                if (relative.isEmpty() || relative.endsWith("/") || !r.isReadable()) {
                    continue;
                }
                Path file = target.resolve(relative).normalize();
                if (!file.startsWith(target)) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = r.getInputStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the bundled rule set", e);
        }
    }

    /** Deletes a folder {@link #unpack} made, with everything in it; what cannot be deleted is left, never fatal. */
    public static void delete(Path unpacked) {
        try (Stream<Path> tree = Files.walk(unpacked)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a folder already gone, or one we may not read: nothing more to clean
        }
    }
}
