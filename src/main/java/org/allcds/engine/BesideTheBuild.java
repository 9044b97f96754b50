package org.allcds.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work that does not depend on the rules, run on a thread of its own while the DRL compiles on the caller's: the build
 * keeps one core busy. The checks of the folder's text (Drools parses every DRL file again for some of them) took
 * about half a second after it on every reload; {@code test} reads its scenarios meanwhile. A build that fails leaves
 * the result unread; the thread ends on its own.
 */
public final class BesideTheBuild<T> {

    private final CompletableFuture<T> result;

    private BesideTheBuild(CompletableFuture<T> result) {
        this.result = result;
    }

    public static <T> BesideTheBuild<T> start(String name, Supplier<T> work) {
        return new BesideTheBuild<>(CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }));
    }

    /** The result, or what the work threw, as if it had run on this thread. */
    public T join() {
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
