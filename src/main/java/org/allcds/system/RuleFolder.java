package org.allcds.system;

import java.nio.file.Path;
import org.allcds.engine.BundledRules;

/**
 * The rules folder being served; {@code bundled} when it was unpacked from the jar (then it is not watched, and it is
 * deleted when the service stops, so no start leaves a temporary folder behind).
 */
public record RuleFolder(Path path, boolean bundled) implements AutoCloseable {

    @Override
    public void close() {
        if (bundled) {
            BundledRules.delete(path);
        }
    }
}
