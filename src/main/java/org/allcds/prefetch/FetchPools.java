package org.allcds.prefetch;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Fetch threads per FHIR server (scheme, host and port): a slow or hostile server can fill only its own threads and
 * queue, never the capacity another server's fetches need. Only the servers of the allowlist get a pool, so the pools
 * are few and their number bounded; a URL on any other server is refused without one. Each queue is bounded: when it
 * is full, a fetch is refused at once rather than held in memory.
 */
final class FetchPools implements AutoCloseable {

    /** Queued fetches per thread before new ones are refused; each waits at most the fetch deadline anyway. */
    static final int QUEUE_PER_THREAD = 25;

    private final int threadsPerServer;
    private final Set<String> servers;
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    private final AtomicInteger threadCount = new AtomicInteger();
    private volatile boolean closed;

    /** Pools for the servers of {@code allowedServers} (base URLs), each of {@code threadsPerServer} threads. */
    FetchPools(int threadsPerServer, Collection<String> allowedServers) {
        this.threadsPerServer = threadsPerServer;
        this.servers = allowedServers.stream().map(FetchPools::server).filter(server -> !server.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Runs the fetch on the pool of the server {@code url} names; RejectedExecutionException when that pool is full, or
     * when the server is not one of the allowlist's (callers check the allowlist first: this is the last guard).
     */
    <T> Future<T> submit(String url, Callable<T> fetch) {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        String server = server(url);
        if (!servers.contains(server)) {
            throw new RejectedExecutionException("not a server of the allowlist");
        }
        return pools.computeIfAbsent(server, this::pool).submit(fetch);
    }

    /** Pools created so far: at most one per server of the allowlist. */
    int size() {
        return pools.size();
    }

    /** Cancels a fetch and takes it out of its queue if it has not started, so cancelled work does not fill queues. */
    void cancel(Future<?> future) {
        future.cancel(true);
        if (future instanceof RunnableFuture<?> task) {
            pools.values().forEach(pool -> pool.remove(task));
        }
    }

    static String server(String url) {
        try {
            URI uri = URI.create(url);
            // the default port written out is the same server ("https://ehr:443/fhir" is "https://ehr/fhir"), as the
            // allowlist reads it: otherwise it had no pool and every fetch was refused as if its queue were full
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException invalid) {
            return "";
        }
    }

    private ThreadPoolExecutor pool(String server) {
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "prefetch-fetch-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threadsPerServer, threadsPerServer, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threadsPerServer * QUEUE_PER_THREAD), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public void close() {
        closed = true;
        pools.values().forEach(ThreadPoolExecutor::shutdownNow);
    }
}
