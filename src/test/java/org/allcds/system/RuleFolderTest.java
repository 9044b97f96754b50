package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.allcds.engine.BundledRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled rule set is unpacked to a temporary folder per start; stopping the service removes it again. */
class RuleFolderTest {

    @Test
    void close_ofTheBundledFolder_deletesTheUnpackedTree() {
        Path unpacked = BundledRules.unpack();
        assertThat(unpacked.resolve("services.yaml")).isRegularFile();

        new RuleFolder(unpacked, true).close();

        assertThat(unpacked).doesNotExist();
    }

    @Test
    void close_ofAConfiguredFolder_leavesItAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("services.yaml"), "services: []\n");

        new RuleFolder(dir, false).close();

        assertThat(dir.resolve("services.yaml")).isRegularFile();
    }
}
