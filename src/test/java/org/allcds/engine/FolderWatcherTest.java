package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules folder's watch, on the real file system: an edit calls back once its burst is quiet, and a folder replaced
 * (moved away and copied back, or deleted and made again) is watched as it reappears; the one moved away is not.
 */
class FolderWatcherTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(100);

    @TempDir
    Path root;

    private final Semaphore changes = new Semaphore(0);

    private Path rulesFolder() throws IOException {
        Path rules = Files.createDirectories(root.resolve("rules/risk"));
        Files.writeString(rules.resolve("a.drl"), "one");
        return rules.getParent();
    }

    private boolean calledBack() throws InterruptedException {
        return changes.tryAcquire(10, TimeUnit.SECONDS);
    }

    /** No call within a second (the debounce is a tenth of that); any calls so far are taken. */
    private boolean quiet() throws InterruptedException {
        boolean called = changes.tryAcquire(1, TimeUnit.SECONDS);
        changes.drainPermits();
        return !called;
    }

    @Test
    void anEdit_callsBack() throws Exception {
        Path rules = rulesFolder();
        try (FolderWatcher watcher = FolderWatcher.start(rules, DEBOUNCE, changes::release)) {
            Files.writeString(rules.resolve("risk/a.drl"), "two");
            assertThat(calledBack()).isTrue();
        }
    }

    @Test
    void aFolderMovedAwayAndCopiedBack_isWatchedAgain_andTheMovedOneIsNot() throws Exception {
        Path rules = rulesFolder();
        try (FolderWatcher watcher = FolderWatcher.start(rules, DEBOUNCE, changes::release)) {
            Path moved = Files.move(rules, root.resolve("rules.moved"));
            Files.createDirectories(rules.resolve("risk"));
            Files.copy(moved.resolve("risk/a.drl"), rules.resolve("risk/a.drl"));
            assertThat(calledBack()).as("the folder reappeared").isTrue();
            assertThat(quiet()).isTrue();

            Files.writeString(rules.resolve("risk/a.drl"), "three");
            assertThat(calledBack()).as("an edit of the new folder").isTrue();
            assertThat(quiet()).isTrue();

            Files.writeString(moved.resolve("risk/a.drl"), "four");
            assertThat(quiet()).as("an edit of the folder moved away").isTrue();
        }
    }

    @Test
    void aFolderDeletedAndMadeAgain_isWatchedAgain() throws Exception {
        Path rules = rulesFolder();
        try (FolderWatcher watcher = FolderWatcher.start(rules, DEBOUNCE, changes::release)) {
            try (Stream<Path> files = Files.walk(rules)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            assertThat(calledBack()).as("the folder went").isTrue();
            Files.createDirectories(rules.resolve("risk"));
            assertThat(calledBack()).as("the folder came back").isTrue();
            assertThat(quiet()).isTrue();

            Files.writeString(rules.resolve("risk/b.drl"), "five");
            assertThat(calledBack()).as("an edit of the folder made again").isTrue();
        }
    }

    @Test
    void aSiblingOfTheFolder_changesNothing() throws Exception {
        Path rules = rulesFolder();
        try (FolderWatcher watcher = FolderWatcher.start(rules, DEBOUNCE, changes::release)) {
            Files.writeString(root.resolve("notes.txt"), "not the rules");
            assertThat(quiet()).isTrue();
        }
    }
}
