package org.allcds.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The rule set shipped inside the jar (the repository's {@code rules/} at build time), unpacked to a temporary folder
 * so that the jar runs anywhere with its embedded defaults. Whoever unpacks it deletes it ({@link #delete}); a JVM
 * exit hook cannot, as {@code deleteOnExit} removes only empty folders.
 * <p>
 * A process killed before it deletes its copy (SIGKILL, a crash, a container stopped hard) cannot clean up, so each
 * copy holds a lock on a file inside it for as long as its process uses it. The operating system releases the lock
 * when the process dies, however it dies, so the next unpack deletes every copy whose lock it can take: each start
 * after a crash removes the crashed one's copy instead of adding one more.
 */
public final class BundledRules {

    static final String ROOT = "allcds-rules/";
    static final String PREFIX = "allcds-rules";
    static final String OWNER_LOCK = ".owner.lock";
    /**
     * How old a copy must be before it counts as left behind. A lock file is created and then locked, so for an instant a
     * live copy's lock can be taken; a copy without a lock file is one being made, or one left by a version without locks.
     */
    static final Duration LEFTOVER_AGE = Duration.ofSeconds(30);

    /** The locks this JVM holds, by the folder they keep; released by {@link #delete}. */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private BundledRules() {
    }

    public static Path unpack() {
        return unpack(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #unpack()}, under {@code tempRoot}, after deleting the copies there that no live process holds. */
    static Path unpack(Path tempRoot) {
        deleteLeftovers(tempRoot);
        try {
            Path target = Files.createTempDirectory(tempRoot, PREFIX);
            hold(target);
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "**");
            for (Resource r : resources) {
                copy(r, target);
            }
            return target;
        } catch (IOException e) {
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

    private static void hold(Path folder) throws IOException {
        FileChannel channel = FileChannel.open(folder.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        HELD.put(folder, channel);
    }

    /** Deletes a folder {@link #unpack} made, with everything in it; what cannot be deleted is left, never fatal. */
    public static void delete(Path unpacked) {
        FileChannel lock = HELD.remove(unpacked);
        if (lock != null) {
            closeQuietly(lock); // first: some systems refuse to delete an open file
        }
        deleteTree(unpacked);
    }

    /** Copies under {@code tempRoot} whose owner is gone: their lock can be taken, or they never got one. */
    static void deleteLeftovers(Path tempRoot) {
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(tempRoot, PREFIX + "*")) {
            for (Path copy : copies) {
                if (Files.isDirectory(copy) && !HELD.containsKey(copy) && ownerIsGone(copy)) {
                    deleteTree(copy);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder we may not list: leftovers stay, the unpack itself still works
        }
    }

    private static boolean ownerIsGone(Path copy) {
        Path lockFile = copy.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile)) {
            return olderThan(copy, LEFTOVER_AGE);
        }
        if (!olderThan(lockFile, LEFTOVER_AGE)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            return lock != null; // released with the channel, after which the folder is deleted
        } catch (OverlappingFileLockException heldHere) {
            return false;
        } catch (IOException e) {
            return false; // not ours to judge (another user's copy, a read-only file)
        }
    }

    private static boolean olderThan(Path path, Duration age) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            return modified.toInstant().isBefore(Instant.now().minus(age));
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

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
