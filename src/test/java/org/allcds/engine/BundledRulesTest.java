package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpacked copies of the bundled rules do not pile up after crashes: a copy whose process was killed is deleted by
 * the next unpack, a copy a live process holds never is, in this JVM or another.
 */
class BundledRulesTest {

    @TempDir
    Path tempRoot;

    private final List<Process> holders = new ArrayList<>();

    @AfterEach
    void killHolders() throws InterruptedException {
        for (Process holder : holders) {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void unpack_deletesTheCopyOfAKilledProcess_andKeepsTheCopyOfALiveOne() throws Exception {
        Process killed = startHolder();
        Process alive = startHolder();
        Path killedCopy = copyOf(killed);
        Path aliveCopy = copyOf(alive);
        killed.destroyForcibly().waitFor(); // SIGKILL: it never deletes its copy
        assertThat(killedCopy.resolve("services.yaml")).isRegularFile();
        olderThanTheLeftoverAge(killedCopy, aliveCopy);

        Path mine = BundledRules.unpack(tempRoot);

        assertThat(killedCopy).doesNotExist();
        assertThat(aliveCopy.resolve("services.yaml")).isRegularFile();
        assertThat(mine.resolve("services.yaml")).isRegularFile();
        BundledRules.delete(mine);
        assertThat(mine).doesNotExist();
    }

    @Test
    void unpack_keepsTheCopiesThisJvmHolds() {
        Path first = BundledRules.unpack(tempRoot);
        olderThanTheLeftoverAge(first);

        Path second = BundledRules.unpack(tempRoot);

        assertThat(first.resolve("services.yaml")).isRegularFile();
        BundledRules.delete(first);
        BundledRules.delete(second);
        assertThat(tempRoot).isEmptyDirectory();
    }

    /** Locking is create-then-lock, so a copy younger than the leftover age may be one whose owner is just locking it. */
    @Test
    void deleteLeftovers_spareCopiesYoungerThanTheLeftoverAge_lockedOrNot() throws IOException {
        Path unlockedYoung = Files.createDirectories(tempRoot.resolve(BundledRules.PREFIX + "-young"));
        Files.createFile(unlockedYoung.resolve(BundledRules.OWNER_LOCK));
        Path beingMade = Files.createDirectories(tempRoot.resolve(BundledRules.PREFIX + "-being-made"));
        Path withoutLockOld = Files.createDirectories(tempRoot.resolve(BundledRules.PREFIX + "-old-version"));
        olderThanTheLeftoverAge(withoutLockOld);
        Path unrelated = Files.createDirectories(tempRoot.resolve("other-folder"));
        olderThanTheLeftoverAge(unrelated);

        BundledRules.deleteLeftovers(tempRoot);

        assertThat(unlockedYoung).isDirectory();
        assertThat(beingMade).isDirectory();
        assertThat(withoutLockOld).doesNotExist();
        assertThat(unrelated).isDirectory();
    }

    private Process startHolder() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), BundledRulesHolder.class.getName(), tempRoot.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        holders.add(process);
        return process;
    }

    private static Path copyOf(Process holder) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the holder printed its copy").isNotNull();
        return Path.of(line);
    }

    /** Dates a copy (and its lock file) back past {@link BundledRules#LEFTOVER_AGE}, so only its lock decides. */
    private static void olderThanTheLeftoverAge(Path... copies) {
        FileTime past = FileTime.from(Instant.now().minus(BundledRules.LEFTOVER_AGE).minusSeconds(60));
        for (Path copy : copies) {
            try {
                Files.setLastModifiedTime(copy, past);
                Path lock = copy.resolve(BundledRules.OWNER_LOCK);
                if (Files.exists(lock)) {
                    Files.setLastModifiedTime(lock, past);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
