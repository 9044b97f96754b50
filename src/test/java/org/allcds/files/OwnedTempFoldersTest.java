package org.allcds.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
 * Owned temporary folders do not pile up after crashes: the folder of a killed process is deleted by the next create
 * with its prefix; the folder of a live process, in this JVM or another, never is.
 */
class OwnedTempFoldersTest {

    private static final String PREFIX = "owned-test";

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
    void create_deletesTheFolderOfAKilledProcess_andKeepsTheFolderOfALiveOne() throws Exception {
        Process killed = startHolder();
        Process alive = startHolder();
        Path killedFolder = folderOf(killed);
        Path aliveFolder = folderOf(alive);
        killed.destroyForcibly().waitFor(); // SIGKILL: it never deletes its folder
        assertThat(killedFolder).isDirectory();
        olderThanTheLeftoverAge(killedFolder, aliveFolder);

        Path mine = OwnedTempFolders.create(tempRoot, PREFIX);

        assertThat(killedFolder).doesNotExist();
        assertThat(aliveFolder).isDirectory();
        OwnedTempFolders.delete(mine);
        assertThat(mine).doesNotExist();
    }

    @Test
    void create_keepsTheFoldersThisJvmHolds_andOtherPrefixes() throws IOException {
        Path first = OwnedTempFolders.create(tempRoot, PREFIX);
        Path otherPrefix = Files.createDirectories(tempRoot.resolve("other-folder"));
        olderThanTheLeftoverAge(first, otherPrefix);

        Path second = OwnedTempFolders.create(tempRoot, PREFIX);

        assertThat(first).isDirectory();
        assertThat(otherPrefix).isDirectory();
        OwnedTempFolders.delete(first);
        OwnedTempFolders.delete(second);
        assertThat(tempRoot).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith(PREFIX));
    }

    /**
     * Only a folder proven left behind goes: locking is create-then-lock, so an unlocked lock file younger than the leftover
     * age may be one whose owner is just locking it, and a folder without a lock file cannot be judged at all.
     */
    @Test
    void deleteLeftovers_spareYoungLockFilesAndFoldersWithoutOne() throws IOException {
        Path unlockedYoung = Files.createDirectories(tempRoot.resolve(PREFIX + "-young"));
        Files.createFile(unlockedYoung.resolve(OwnedTempFolders.OWNER_LOCK));
        Path withoutLockFile = Files.createDirectories(tempRoot.resolve(PREFIX + "-without-lock-file"));
        Path unlockedOld = Files.createDirectories(tempRoot.resolve(PREFIX + "-left-behind"));
        Files.createFile(unlockedOld.resolve(OwnedTempFolders.OWNER_LOCK));
        olderThanTheLeftoverAge(withoutLockFile, unlockedOld);

        OwnedTempFolders.deleteLeftovers(tempRoot, PREFIX);

        assertThat(unlockedYoung).isDirectory();
        assertThat(withoutLockFile).isDirectory();
        assertThat(unlockedOld).doesNotExist();
    }

    /** A link named like a folder, pointing at a folder that looks left behind, is neither followed nor emptied. */
    @Test
    void deleteLeftovers_neverFollowALink(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("keep.txt"), "not the service's");
        Files.createFile(elsewhere.resolve(OwnedTempFolders.OWNER_LOCK));
        olderThanTheLeftoverAge(elsewhere);
        Path link = Files.createSymbolicLink(tempRoot.resolve(PREFIX + "-link"), elsewhere);

        OwnedTempFolders.deleteLeftovers(tempRoot, PREFIX);

        assertThat(elsewhere.resolve("keep.txt")).hasContent("not the service's");
        assertThat(link).isSymbolicLink();
    }

    private Process startHolder() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), OwnedFolderHolder.class.getName(), tempRoot.toString(), PREFIX)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        holders.add(process);
        return process;
    }

    private static Path folderOf(Process holder) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the holder printed its folder").isNotNull();
        return Path.of(line);
    }

    /** Dates folders (and their lock files) back past the leftover age, so only their locks decide. */
    static void olderThanTheLeftoverAge(Path... folders) {
        FileTime past = FileTime.from(Instant.now().minus(OwnedTempFolders.LEFTOVER_AGE).minusSeconds(60));
        for (Path folder : folders) {
            try {
                Files.setLastModifiedTime(folder, past);
                Path lock = folder.resolve(OwnedTempFolders.OWNER_LOCK);
                if (Files.exists(lock)) {
                    Files.setLastModifiedTime(lock, past);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
