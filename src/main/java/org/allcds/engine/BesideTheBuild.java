package org.allcds.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Checks that read only the folder's text, run on a thread of their own while the DRL compiles on the caller's: the
 * build keeps one core busy, and these checks (Drools parses every DRL file again for some of them) took about half a
 * second after it on every reload. A build that fails leaves the result unread; the thread ends on its own.
 */
final class BesideTheBuild<T> {

    private final CompletableFuture<T> result;

    private BesideTheBuild(CompletableFuture<T> result) {
        this.result = result;
    }

    static <T> BesideTheBuild<T> start(String name, Supplier<T> work) {
        return new BesideTheBuild<>(CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }));
    }

    /** The result, or what the work threw, as if it had run on this thread. */
    T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
