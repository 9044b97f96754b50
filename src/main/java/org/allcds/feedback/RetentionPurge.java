package org.allcds.feedback;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Enforces the retention period: cards issued and feedback received longer ago are deleted, once at start and then
 * every interval. Every replica runs it; the deletes are idempotent.
 */
public class RetentionPurge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final FeedbackStore store;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feedback-retention");
        t.setDaemon(true);
        return t;
    });

    public RetentionPurge(FeedbackStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::purge, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes what is older than the retention period; returns the rows deleted (cards, feedback). */
    public int[] purge() {
        try {
            int[] deleted = store.purgeBefore(clock.instant().minus(retention));
            if (deleted[0] + deleted[1] > 0) {
                log.info("Retention {}: purged {} cards issued and {} feedback entries", retention, deleted[0], deleted[1]);
            }
            return deleted;
        } catch (DataAccessException | TransactionException e) {
            log.warn("Retention purge skipped: the store is unavailable ({})", e.getClass().getSimpleName());
            return new int[] {0, 0};
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
