package org.allcds.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The rule set shipped inside the jar (the repository's {@code rules/} at build time), unpacked to a temporary folder
 * so that the jar runs anywhere with its embedded defaults.
 */
public final class BundledRules {

    static final String ROOT = "allcds-rules/";

    private BundledRules() {
    }

    public static Path unpack() {
        try {
            Path target = Files.createTempDirectory("allcds-rules");
            target.toFile().deleteOnExit();
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
}
