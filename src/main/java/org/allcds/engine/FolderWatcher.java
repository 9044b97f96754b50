package org.allcds.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder and all its subfolders, including ones created later, and calls {@code onChange} once a burst of
 * changes has been quiet for the debounce time: an editor's save (temp file, rename, touch) or a {@code git checkout}
 * becomes one call, not dozens. The folder's parent is watched for the folder itself: a folder replaced (moved away and
 * copied back, deleted and created again, a deployment swapping it) is watched again as it reappears, and edits of the
 * one moved away no longer count. Runs on its own daemon thread.
 */
final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);

    private final Path root;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService watchService;
    private final Thread thread;
    /** The keys of the folder's tree (not its parent's): cancelled when the folder goes, since they follow the folder. */
    private final Set<WatchKey> treeKeys = ConcurrentHashMap.newKeySet();
    private final WatchKey parentKey;

    private FolderWatcher(Path root, Duration debounce, Runnable onChange) throws IOException {
        this.root = root;
        this.debounce = debounce;
        this.onChange = onChange;
        this.watchService = FileSystems.getDefault().newWatchService();
        this.parentKey = registerParent(root.toAbsolutePath().getParent());
        registerTree(root);
        this.thread = new Thread(this::loop, "rules-watcher");
        this.thread.setDaemon(true);
    }

    /** The parent, watched for the folder itself; null (the folder's own tree still watched) where it cannot be. */
    private WatchKey registerParent(Path parent) {
        if (parent == null) {
            return null;
        }
        try {
            return parent.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            log.warn("Cannot watch the rules folder's parent, so a replaced folder is not seen until a restart: {}",
                    e.toString());
            return null;
        }
    }

    static FolderWatcher start(Path root, Duration debounce, Runnable onChange) {
        try {
            FolderWatcher watcher = new FolderWatcher(root, debounce, onChange);
            watcher.thread.start();
            return watcher;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch the rules folder", e);
        }
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                boolean changed = handle(watchService.take());
                // Debounce: keep absorbing events until none has arrived for the debounce time.
                WatchKey more;
                while ((more = watchService.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    changed |= handle(more);
                }
                if (changed) {
                    runCallback();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runCallback() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            log.warn("Rules folder change could not be handled: {}", e.toString());
        }
    }

    /** True when the events may have changed the folder (its parent's events about other entries do not). */
    private boolean handle(WatchKey key) {
        if (key == parentKey) {
            return handleParent(key);
        }
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                registerTree(root); // events were lost: a new subfolder may have gone unseen
            } else if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                Path created = dir.resolve((Path) event.context());
                if (Files.isDirectory(created)) {
                    registerTree(created);
                }
            }
        }
        key.reset();
        return true;
    }

    /** The folder itself created, moved in, deleted or moved away: its tree is watched anew, or no longer. */
    private boolean handleParent(WatchKey key) {
        boolean aboutRoot = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || root.getFileName().equals(event.context())) {
                aboutRoot = true;
            }
        }
        key.reset();
        if (aboutRoot) {
            treeKeys.forEach(WatchKey::cancel);
            treeKeys.clear();
            if (Files.isDirectory(root)) {
                registerTree(root);
                log.info("Watching the rules folder again: it was replaced");
            }
        }
        return aboutRoot;
    }

    private void registerTree(Path top) {
        try (Stream<Path> dirs = Files.walk(top)) {
            dirs.filter(Files::isDirectory).forEach(this::register);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot watch part of the rules folder: {}", e.toString());
        }
    }

    private void register(Path dir) {
        try {
            treeKeys.add(dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watchService.close();
        } catch (IOException e) {
            log.debug("Closing the rules watcher: {}", e.toString());
        }
    }
}
