package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled rules' copy is an owned temporary folder: a copy no process holds any more goes at the next unpack. */
class BundledRulesTest {

    @Test
    void unpack_deletesACopyNoProcessHolds_andKeepsItsOwnUntilDeleted(@TempDir Path tempRoot) throws Exception {
        Path killed = Files.createDirectories(tempRoot.resolve(BundledRules.PREFIX + "123"));
        Files.writeString(killed.resolve("services.yaml"), "services: []\n");
        Files.createFile(killed.resolve(".owner.lock")); // its process died: nothing holds the lock
        FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(killed.resolve(".owner.lock"), anHourAgo);

        Path unpacked = BundledRules.unpack(tempRoot);

        assertThat(killed).doesNotExist();
        assertThat(unpacked.resolve("services.yaml")).isRegularFile();
        assertThat(unpacked.resolve("config.yaml")).isRegularFile();
        BundledRules.delete(unpacked);
        assertThat(tempRoot).isEmptyDirectory();
    }
}
