package org.allcds.feedback;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The store's work for a request (a feedback call, the admin summary), run on a few threads of its own and waited for
 * at most {@code timeout}: a database that stops answering, before a call or in the middle of a statement, costs the
 * caller that long and no more, whatever the pool's and the driver's own timeouts. The threads wait on connections
 * with a network timeout ({@link NetworkTimeoutDataSource}), so a silent database frees them too; while they are all
 * busy, calls queue, and a full queue is refused at once: the threads and the memory they hold stay bounded.
 * <p>
 * A call given up on never commits afterwards: its transaction's commit is refused and rolled back (through
 * {@link #transactionManager}), so "nothing was stored" is then true. Only a call given up on while its commit is
 * already on its way may have committed, and so may one whose commit failed in the driver (the network timeout fell on
 * it first); {@link NoAnswer#mayHaveCommitted()} says so.
 */
final class StoreCalls implements AutoCloseable {

    private static final int THREADS = 4;
    private static final int QUEUE = 64;
    private static final int WAITING = 0;
    private static final int COMMITTING = 1;
    private static final int ABANDONED = 2;
    /** The call the current thread works for; none on the store's other threads (the card log, the purge). */
    private static final ThreadLocal<AtomicInteger> CURRENT = new ThreadLocal<>();

    private final Duration timeout;
    private final StoreOutage outage;
    private final ThreadPoolExecutor threads;

    StoreCalls(Duration timeout, StoreOutage outage) {
        this.timeout = timeout;
        this.outage = outage;
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "feedback-store");
            t.setDaemon(true);
            return t;
        });
        threads.allowCoreThreadTimeOut(true);
    }

    /**
     * The work's result, or its exception; {@link NoAnswer} when it did not end within the timeout or could not
     * start (every thread busy and the queue full).
     */
    <T> T call(Supplier<T> work) throws NoAnswer {
        AtomicInteger state = new AtomicInteger(WAITING);
        long began = StoreOutage.now();
        Future<T> running;
        try {
            running = threads.submit(() -> {
                CURRENT.set(state);
                try {
                    return work.get();
                } finally {
                    CURRENT.remove();
                }
            });
        } catch (RejectedExecutionException full) {
            throw failed(new NoAnswer("too many calls are waiting for it", false));
        }
        try {
            T result = running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            outage.answered(began);
            return result;
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Not interrupted: an interrupt closes an embedded H2's file under the write. Still queued, it never runs.
            running.cancel(false);
            boolean committing = state.compareAndExchange(WAITING, ABANDONED) == COMMITTING;
            throw failed(new NoAnswer("no answer within " + timeout.toMillis() + " ms", committing));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DataAccessException || cause instanceof TransactionException) {
                outage.failed(cause.getClass().getSimpleName());
            } else {
                outage.answered(began);
            }
            if (cause instanceof TransactionException && state.get() == COMMITTING) {
                // The commit was sent and its answer lost (the connection's network timeout fell on it): it may
                // have landed, so "nothing was stored" would not be true.
                throw new NoAnswer("no answer to the commit", true);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(cause);
        }
    }

    private NoAnswer failed(NoAnswer e) {
        outage.failed(e.getMessage());
        return e;
    }

    /**
     * Before a commit on the current thread: refused once its caller has given up. Not a TransactionException, which
     * Spring takes for a failed commit and does not roll back (the connection's return to auto-commit would then
     * commit it): any other exception here rolls the transaction back.
     */
    private static void beforeCommit() {
        AtomicInteger state = CURRENT.get();
        if (state != null && state.compareAndExchange(WAITING, COMMITTING) == ABANDONED) {
            throw new CallerGone();
        }
    }

    /** Thrown on a worker whose caller has gone: nobody reads it. */
    static final class CallerGone extends RuntimeException {
        CallerGone() {
            super("The caller stopped waiting: rolled back", null, false, false);
        }
    }

    /**
     * Transactions on {@code dataSource} that do not commit once their caller has given up, and that are not rolled
     * back on a connection the driver has closed (its network timeout, or the server gone): the server rolls back the
     * transaction of a connection that is gone, and the rollback's own failure would be logged, stack trace and all, at
     * every call while the database is away.
     */
    static DataSourceTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource) {
            @Override
            protected void prepareForCommit(DefaultTransactionStatus status) {
                beforeCommit();
            }

            @Override
            protected void doRollback(DefaultTransactionStatus status) {
                if (!closed(((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder().getConnection())) {
                    super.doRollback(status);
                }
            }
        };
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Waits for the calls in progress to end (their connections' network timeout ends them). */
    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /** The store did not answer in time, or could not be asked; the message says which, without anything sent. */
    static final class NoAnswer extends Exception {

        private final boolean mayHaveCommitted;

        NoAnswer(String why, boolean mayHaveCommitted) {
            super(why, null, false, false);
            this.mayHaveCommitted = mayHaveCommitted;
        }

        /** True when the call was given up on while it committed: what it wrote may be stored. */
        boolean mayHaveCommitted() {
            return mayHaveCommitted;
        }
    }
}
