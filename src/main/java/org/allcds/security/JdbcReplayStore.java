package org.allcds.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The replay cache shared by every replica through the database ({@code jwt_replay}): a token is accepted by the one
 * INSERT that succeeds; the primary key refuses every other use, at whichever replica. Keys are SHA-256 hashes of
 * {@code iss} and {@code jti}, so no client-supplied text is stored. Expired rows are deleted by {@link #purge}.
 * <p>
 * Service calls must answer whatever the database does, so a call waits for it at most {@code timeout}: the statements
 * run on a few threads of their own (their connections with a network timeout, so a database that stops answering
 * frees them too), and a call whose statement failed, did not end in time or found those threads all busy is decided
 * by this replica's memory instead. The replica then stays with its memory for {@code retryInterval}, without asking
 * the database, after which one call tries it again; when that succeeds, the replicas share the table again. The
 * memory still refuses the replays it has seen itself, and is consulted before the database at every call, so a token
 * accepted while the database was away is refused here for its whole lifetime; its id is written to the table once
 * the database is back, so that the other replicas refuse it too. The outage and the return are logged once each.
 */
final class JdbcReplayStore implements ReplayStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcReplayStore.class);
    /** A statement of this table takes milliseconds; a connection silent this long is dead and is closed. */
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(5);
    private static final int THREADS = 4;
    private static final String UNIQUE_VIOLATION = "23505"; // SQLSTATE of a duplicate key, in PostgreSQL and H2

    private final JdbcTemplate jdbc;
    private final ReplayCache memory;
    private final Duration timeout;
    private final Duration retryInterval;
    private final long retryNanos;
    private final ThreadPoolExecutor statements;
    /** Ids (hashed keys) accepted from memory and not yet in the table, with their expiry. */
    private final Map<String, Instant> unshared = new ConcurrentHashMap<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean down;
    private volatile long retryAt;

    JdbcReplayStore(JdbcTemplate jdbc, ReplayCache memory, Duration timeout, Duration retryInterval) {
        this.jdbc = jdbc;
        this.memory = memory;
        this.timeout = timeout;
        this.retryInterval = retryInterval;
        this.retryNanos = retryInterval.toNanos();
        // Enough queue for a burst of calls on a healthy database (a statement takes a millisecond); a full queue
        // means the database is not keeping up, and the call is decided from memory.
        this.statements = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "jwt-replay-db");
            t.setDaemon(true);
            return t;
        });
        statements.allowCoreThreadTimeOut(true);
    }

    @Override
    public ReplayCache.Result use(String iss, String jti, Instant expiry, Instant now) {
        if (memory.holds(iss, jti, now)) {
            return ReplayCache.Result.REPLAYED; // accepted from memory earlier: refused here whatever the table says
        }
        String key = key(iss, jti);
        boolean probe = down;
        if (probe && (System.nanoTime() - retryAt < 0 || !probing.compareAndSet(false, true))) {
            return fromMemory(iss, jti, key, expiry, now);
        }
        try {
            ReplayCache.Result result = inTime(key, expiry, now);
            if (down) {
                answersAgain(now);
            }
            return result;
        } catch (TimeoutException | RejectedExecutionException e) {
            return failed(iss, jti, key, expiry, now, "it did not answer within " + timeout.toMillis() + " ms");
        } catch (RuntimeException e) {
            return failed(iss, jti, key, expiry, now, "it is unreachable (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    /** The statement's result, or TimeoutException when it takes longer than {@code timeout} (it is then cancelled). */
    private ReplayCache.Result inTime(String key, Instant expiry, Instant now) throws TimeoutException {
        return inTime(() -> insert(key, expiry, now));
    }

    private <T> T inTime(java.util.concurrent.Callable<T> work) throws TimeoutException {
        Future<T> statement = statements.submit(work);
        try {
            return statement.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            statement.cancel(false); // still queued: it never runs; running: its network timeout ends it
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ReplayCache.Result failed(String iss, String jti, String key, Instant expiry, Instant now, String why) {
        retryAt = System.nanoTime() + retryNanos;
        if (!down) {
            down = true;
            log.warn("JWT replay cache: the database cannot be used ({}); this replica uses its own memory and tries the"
                    + " database again every {} ms, so a token replayed at another replica is not refused meanwhile", why,
                    retryInterval.toMillis());
        }
        return fromMemory(iss, jti, key, expiry, now);
    }

    private ReplayCache.Result fromMemory(String iss, String jti, String key, Instant expiry, Instant now) {
        ReplayCache.Result result = memory.use(iss, jti, expiry, now);
        if (result == ReplayCache.Result.FIRST_USE) {
            if (unshared.size() >= memory.maxSize()) {
                unshared.values().removeIf(until -> until.isBefore(now));
            }
            unshared.put(key, expiry);
        }
        return result;
    }

    /**
     * Writes the ids accepted from memory to the table, in the background, so that other replicas refuse them too;
     * what cannot be written now stays for the next time (the database's return, or the purge).
     */
    void share(Instant now) {
        if (unshared.isEmpty()) {
            return;
        }
        try {
            statements.execute(() -> {
                int written = 0;
                try {
                    for (Map.Entry<String, Instant> entry : unshared.entrySet()) {
                        if (!entry.getValue().isBefore(now)) {
                            insert(entry.getKey(), entry.getValue(), now);
                            written++;
                        }
                        unshared.remove(entry.getKey(), entry.getValue());
                    }
                    if (written > 0) {
                        log.info("JWT replay cache: {} token id(s) accepted while the database was away written to it", written);
                    }
                } catch (RuntimeException e) {
                    log.debug("JWT replay cache: ids accepted from memory not written yet ({})", e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException busy) {
            // the next purge tries again
        }
    }

    /**
     * Run every {@code retryInterval} in the background: a replica that is idle, or that only sees replays its memory
     * refuses, never calls the database, so without this it would neither notice the database's return nor write the
     * ids it accepted meanwhile, and the other replicas would accept them without end.
     */
    void recover(Instant now) {
        if (down && System.nanoTime() - retryAt >= 0 && probing.compareAndSet(false, true)) {
            try {
                inTime(() -> jdbc.queryForObject("SELECT 1", Integer.class));
                answersAgain(now);
                return;
            } catch (TimeoutException | RuntimeException e) {
                retryAt = System.nanoTime() + retryNanos;
                return;
            } finally {
                probing.set(false);
            }
        }
        if (!down) {
            share(now);
        }
    }

    /** False while this replica decides from its own memory (the database did not answer), for the gauge. */
    boolean sharing() {
        return !down;
    }

    /** The database is back: the replicas share the table again, and it learns what memory accepted meanwhile. */
    private void answersAgain(Instant now) {
        down = false;
        log.info("JWT replay cache: the database answers again; replicas share it again");
        share(now);
    }

    /** Ids accepted from memory and not yet written to the table (for tests). */
    int unshared() {
        return unshared.size();
    }

    private ReplayCache.Result insert(String key, Instant expiry, Instant now) {
        return jdbc.execute((ConnectionCallback<ReplayCache.Result>) connection -> {
            try {
                connection.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
            } catch (SQLFeatureNotSupportedException embedded) {
                // an embedded database has no network
            }
            return insert(connection, key, expiry, now);
        });
    }

    private static ReplayCache.Result insert(Connection connection, String key, Instant expiry, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jwt_replay (jti_key, expires_at) VALUES (?, ?)")) {
            insert.setString(1, key);
            insert.setObject(2, expiry.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            return ReplayCache.Result.FIRST_USE;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        // Still live: a replay. Expired (not yet purged): the id may be used again by a new token, once.
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM jwt_replay WHERE jti_key = ? AND expires_at < ?")) {
            delete.setString(1, key);
            delete.setObject(2, now.atOffset(ZoneOffset.UTC));
            if (delete.executeUpdate() == 0) {
                return ReplayCache.Result.REPLAYED;
            }
        }
        return insert(connection, key, expiry, now); // a concurrent first use makes this a REPLAYED, so it recurses at most once
    }

    /** Deletes the entries whose tokens can no longer be accepted, after writing those accepted from memory. */
    int purge(Instant now) {
        share(now);
        return jdbc.update("DELETE FROM jwt_replay WHERE expires_at < ?", now.atOffset(ZoneOffset.UTC));
    }

    static String key(String iss, String jti) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((iss + '\u0000' + jti).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
