package org.allcds.feedback;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allcds.cards.AllCdsExtension;
import org.allcds.hooks.Card;
import org.allcds.metrics.AllCdsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Records the cards of each response in the store, off the request thread: a service call never waits for the
 * database and still answers when it is down. One writer thread with a bounded queue; when the queue is full the
 * record is dropped and counted rather than slowing the calls. The writer waits {@link #GATHER_MILLIS} after a record
 * arrives, then takes whatever has queued up and stores it in one transaction (up to {@link #MAX_BATCH} responses), so
 * under load one commit serves many calls; a batch the store refuses is counted as failed as a whole. Pending records
 * are written on shutdown. While the database is silent the writer waits at most the store's network timeout per
 * batch ({@link NetworkTimeoutDataSource}), the queue stays bounded, and an outage is logged once ({@link StoreOutage}).
 */
public class CardLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CardLog.class);
    /** Responses stored in one transaction at most. */
    static final int MAX_BATCH = 256;
    /**
     * How long the writer lets records gather before a write. Without it the writer, mostly idle, woke for every
     * response and paid a transaction, a count and a delete for one or two cards; a write's fixed cost was most of
     * its CPU. A record is stored this much later; feedback sent before it is stored is accepted as for any card
     * unknown here.
     */
    static final long GATHER_MILLIS = 20;

    private final FeedbackStore store;
    private final Clock clock;
    private final AllCdsMetrics metrics;
    private final BlockingQueue<List<IssuedCard>> pending;
    /** True while a drain is queued on the writer and has not started: one drain serves every record queued by then. */
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final ThreadPoolExecutor writer;
    private final IssuedCard.Recorder recorder = new IssuedCard.Recorder();
    private final StoreOutage outage;

    /** A card log that logs an outage of its own (the service's shares one with the store's other users). */
    public CardLog(FeedbackStore store, Clock clock, AllCdsMetrics metrics, int queueCapacity) {
        this(store, clock, metrics, queueCapacity, new StoreOutage());
    }

    CardLog(FeedbackStore store, Clock clock, AllCdsMetrics metrics, int queueCapacity, StoreOutage outage) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.outage = outage;
        this.pending = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "card-log");
            t.setDaemon(true);
            return t;
        });
    }

    public void issued(String serviceId, List<Card> cards) {
        List<IssuedCard> issued = recorder.of(serviceId, cards, clock.instant());
        if (issued.isEmpty()) {
            return;
        }
        issued.forEach(card -> card.rules().forEach(r -> metrics.ruleFired(r.id())));
        cards.forEach(this::countFindings);
        if (!pending.offer(issued)) {
            metrics.cardsRecorded("dropped", issued.size());
            return;
        }
        if (drainQueued.compareAndSet(false, true)) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException closed) {
                drainQueued.set(false);
                pending.remove(issued);
                metrics.cardsRecorded("dropped", issued.size());
            }
        }
    }

    /** Stores everything queued, in batches; a record queued after the drain started queues the next drain. */
    private void drain() {
        boolean interrupted = gather();
        drainQueued.set(false);
        List<List<IssuedCard>> batch = new ArrayList<>();
        while (pending.drainTo(batch, MAX_BATCH) > 0) {
            write(batch.stream().flatMap(List::stream).toList());
            batch.clear();
        }
        if (interrupted) {
            // Restored only now: an interrupted thread's file I/O would close the store's channel under the write.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lets records queue up while a drain is queued (they queue no drain of their own), {@link #GATHER_MILLIS};
     * true when interrupted (shutting down: what is queued is written at once).
     */
    private static boolean gather() {
        try {
            Thread.sleep(GATHER_MILLIS);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** The findings of a card that is recorded (it has a uuid and the extension) into the metrics; they are not stored. */
    private void countFindings(Card card) {
        AllCdsExtension ext = IssuedCard.recordable(card);
        if (ext != null && ext.findings() != null) {
            ext.findings().forEach(f -> metrics.finding(f.type(), f.value()));
        }
    }

    private void write(List<IssuedCard> issued) {
        long began = StoreOutage.now();
        try {
            store.recordIssued(issued);
            metrics.cardsRecorded("stored", issued.size());
            outage.answered(began);
        } catch (DataAccessException | TransactionException e) {
            // Counted in allcds_cards_recorded_total; the outage is logged once, not at every batch.
            log.debug("{} issued cards not recorded: the store is unavailable ({})", issued.size(), e.getClass().getSimpleName());
            metrics.cardsRecorded("failed", issued.size());
            outage.failed(e.getClass().getSimpleName());
        }
    }

    /** Waits until every record queued before this call is written (or has failed). */
    public void flush(Duration timeout) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> { }, writer);
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("issued cards not written within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
