package org.allcds.system;

import java.nio.file.Path;

/** The rules folder being served; {@code bundled} when it was unpacked from the jar (then it is not watched). */
public record RuleFolder(Path path, boolean bundled) {
}
