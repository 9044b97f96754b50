package org.allcds.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.allcds.files.OwnedTempFolders;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The rule set shipped inside the jar (the repository's {@code rules/} at build time), unpacked to a temporary folder
 * so that the jar runs anywhere with its embedded defaults. Whoever unpacks it deletes it ({@link #delete}); a copy left
 * by a killed process is deleted by the next unpack ({@link OwnedTempFolders}).
 */
public final class BundledRules {

    static final String ROOT = "allcds-rules/";
    static final String PREFIX = "allcds-rules";

    private BundledRules() {
    }

    public static Path unpack() {
        return unpack(Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Path unpack(Path tempRoot) {
        Path target = OwnedTempFolders.create(tempRoot, PREFIX);
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "**")) {
                copy(r, target);
            }
            return target;
        } catch (IOException e) {
            OwnedTempFolders.delete(target);
            throw new UncheckedIOException("Cannot unpack the bundled rule set", e);
        }
    }

    private static void copy(Resource r, Path target) throws IOException {
        String url = r.getURL().toString();
        String relative = url.substring(url.lastIndexOf(ROOT) + ROOT.length());
        if (relative.isEmpty() || relative.endsWith("/") || !r.isReadable()) {
            return;
        }
        Path file = target.resolve(relative).normalize();
        if (!file.startsWith(target)) {
            return;
        }
        Files.createDirectories(file.getParent());
        try (InputStream in = r.getInputStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a folder {@link #unpack} made, with everything in it; what cannot be deleted is left, never fatal. */
    public static void delete(Path unpacked) {
        OwnedTempFolders.delete(unpacked);
    }
}
