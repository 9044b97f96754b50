package org.allcds.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary folders that do not pile up: each holds a lock on a file inside it for as long as its process uses it, and
 * {@link #delete} removes it. A process killed before it deletes its folder (SIGKILL, a crash, a container stopped hard)
 * cannot clean up, but the operating system releases its locks however it dies, so the next {@link #create} with the
 * same prefix deletes every folder whose lock it can take. A folder some live process holds, in this JVM or another,
 * is never deleted.
 */
public final class OwnedTempFolders {

    static final String OWNER_LOCK = ".owner.lock";
    /**
     * How old a lock file must be before its folder can count as left behind: a lock file is created and then locked,
     * so for an instant a live folder's lock can be taken.
     */
    static final Duration LEFTOVER_AGE = Duration.ofSeconds(30);

    /** The locks this JVM holds, by the folder they keep; released by {@link #delete}. */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private OwnedTempFolders() {
    }

    /** A new folder {@code prefix*} in the system's temporary folder, held until {@link #delete}. */
    public static Path create(String prefix) {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** As {@link #create(String)}, under {@code tempRoot}, after deleting the {@code prefix*} folders left behind. */
    public static Path create(Path tempRoot, String prefix) {
        deleteLeftovers(tempRoot, prefix);
        try {
            Path folder = Files.createTempDirectory(tempRoot, prefix);
            FileChannel channel = FileChannel.open(folder.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            HELD.put(folder, channel);
            try {
                channel.lock();
            } catch (IOException locksNotSupported) {
                // then no process can take the lock either, so none deletes this folder: only crash cleanup is lost
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder " + prefix, e);
        }
    }

    /** Deletes a folder {@link #create} made, with everything in it; what cannot be deleted is left, never fatal. */
    public static void delete(Path folder) {
        FileChannel lock = HELD.remove(folder);
        if (lock != null) {
            try {
                lock.close(); // first: some systems refuse to delete an open file
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
        deleteTree(folder);
    }

    /** Deletes the {@code prefix*} folders under {@code tempRoot} whose owner is gone. */
    static void deleteLeftovers(Path tempRoot, String prefix) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tempRoot, prefix + "*")) {
            for (Path folder : folders) {
                // a real folder only: a link of that name, made by anyone, is not followed
                boolean realFolder = Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS);
                if (realFolder && !HELD.containsKey(folder) && ownerIsGone(folder)) {
                    deleteTree(folder);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder we may not list: leftovers stay, creating a folder still works
        }
    }

    /** Only a folder whose lock file is not locked is proven left behind; one without a lock file is never touched. */
    private static boolean ownerIsGone(Path folder) {
        Path lockFile = folder.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile) || !olderThanLeftoverAge(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            return lock != null; // released with the channel; the folder is deleted after
        } catch (OverlappingFileLockException heldHere) {
            return false;
        } catch (IOException e) {
            return false; // not ours to judge: another user's folder, a read-only file
        }
    }

    private static boolean olderThanLeftoverAge(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(Instant.now().minus(LEFTOVER_AGE));
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> tree = Files.walk(folder)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a folder already gone, or one we may not read: nothing more to clean
        }
    }
}
