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
 * every interval; so is whatever lies beyond the store's limit on rows kept (each write keeps that limit too, so this
 * matters only for rows written under a higher limit). Every replica runs it; the deletes are idempotent.
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

    /** Deletes what is older than the retention period, then what lies beyond the limit; returns the rows deleted. */
    public int[] purge() {
        try {
            int[] byAge = store.purgeBefore(clock.instant().minus(retention));
            if (byAge[0] + byAge[1] > 0) {
                log.info("Retention {}: purged {} cards issued and {} feedback entries", retention, byAge[0], byAge[1]);
            }
            int[] byCount = store.purgeBeyondLimit();
            if (byCount[0] + byCount[1] > 0) {
                log.info("Keeping the newest {}: purged {} cards issued and {} feedback entries", store.keepNewest(),
                        byCount[0], byCount[1]);
            }
            return new int[] {byAge[0] + byCount[0], byAge[1] + byCount[1]};
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
