package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.allcds.cards.AllCdsExtension;
import org.allcds.engine.ServiceBuild;
import org.allcds.hooks.Card;
import org.allcds.hooks.Coding;
import org.allcds.metrics.AllCdsMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The record of issued cards: every card stored once, many responses to a transaction when they queue up. */
class CardLogTest {

    /** A store that remembers each batch it was given and can be held busy. */
    private static final class BatchStore extends FeedbackStore {
        final List<List<IssuedCard>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch busy = new CountDownLatch(1);
        volatile boolean hold;

        BatchStore() {
            super(null, null);
        }

        @Override
        public void recordIssued(List<IssuedCard> cards) {
            if (hold) {
                awaitQuietly(busy);
            }
            batches.add(List.copyOf(cards));
        }
    }

    private final BatchStore store = new BatchStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CardLog log = new CardLog(store, Clock.systemUTC(), new AllCdsMetrics(registry), 10_000);

    @AfterEach
    void close() throws InterruptedException {
        store.busy.countDown();
        log.close();
    }

    @Test
    void everyCardFromConcurrentCalls_isStoredExactlyOnce() throws InterruptedException {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 2_000; i++) {
            callers.execute(() -> log.issued("ped-all-relapse", List.of(card(), card())));
        }
        callers.shutdown();
        assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        log.flush(Duration.ofSeconds(30));

        List<String> stored = store.batches.stream().flatMap(List::stream).map(IssuedCard::uuid).toList();
        assertThat(stored).hasSize(4_000).doesNotHaveDuplicates();
        assertThat(registry.get("allcds.cards.recorded").tag("outcome", "stored").counter().count()).isEqualTo(4_000);
    }

    @Test
    void responsesQueuedWhileTheStoreIsBusy_areStoredInOneTransaction() {
        store.hold = true;
        log.issued("ped-all-relapse", List.of(card()));
        for (int i = 0; i < 100; i++) {
            log.issued("ped-all-relapse", List.of(card()));
        }
        store.busy.countDown();
        log.flush(Duration.ofSeconds(30));

        assertThat(store.batches).hasSizeLessThanOrEqualTo(3);
        assertThat(store.batches.stream().mapToInt(List::size).sum()).isEqualTo(101);
        assertThat(store.batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(CardLog.MAX_BATCH));
    }

    @Test
    void responsesArrivingOneByOne_whileTheWriterIsIdle_shareATransaction() {
        for (int i = 0; i < 20; i++) {
            log.issued("ped-all-relapse", List.of(card()));
        }
        log.flush(Duration.ofSeconds(30));

        assertThat(store.batches.stream().mapToInt(List::size).sum()).isEqualTo(20);
        // The writer lets records gather before it writes: not one transaction per response.
        assertThat(store.batches).hasSizeLessThan(10);
    }

    @Test
    void cardsWaitingToBeWritten_referToOneListOfReasonsAndOneOfEachRule_andTheirFindingsAreCounted() {
        for (int i = 0; i < 3; i++) {
            // Each response renders its own, equal, reasons: what the service declared.
            List<Coding> reasons = List.of(new Coding("https://all-cds.org/reasons", "later", "Will review later"),
                    new Coding("https://all-cds.org/reasons", "plan", "Already in the plan"));
            log.issued("ped-all-relapse", List.of(card(reasons), card(reasons)));
        }
        log.flush(Duration.ofSeconds(30));

        List<IssuedCard> stored = store.batches.stream().flatMap(List::stream).toList();
        assertThat(stored).hasSize(6);
        IssuedCard first = stored.get(0);
        assertThat(first.offeredReasons().reasons()).extracting(Coding::code).containsExactly("later", "plan");
        assertThat(stored).allSatisfy(c -> {
            assertThat(c.offeredReasons()).isSameAs(first.offeredReasons());
            assertThat(c.rules()).isSameAs(first.rules()).singleElement().isEqualTo(new IssuedCard.RuleRef("R-REL-02", "1.0.0"));
        });
        assertThat(registry.get("allcds.findings").tag("type", "relapse-timing").tag("value", "LATE").counter().count())
                .isEqualTo(6);
        assertThat(registry.get("allcds.rule.firings").tag("rule", "R-REL-02").counter().count()).isEqualTo(6);
    }

    /** A card as a service returns it, with the extension the card log reads. */
    static Card card() {
        return card(List.of());
    }

    static Card card(List<Coding> overrideReasons) {
        AllCdsExtension extension = new AllCdsExtension(
                List.of(new AllCdsExtension.FindingView("relapse-timing", "COG_AALL1331", "LATE", List.of(), List.of())),
                List.of(new AllCdsExtension.RuleView("R-REL-02", "1.0.0", "COG AALL1331")),
                new AllCdsExtension.RuleSetView("1.0.0", "hash"), ServiceBuild.current(), List.of(), "2024-05-06");
        return new Card(UUID.randomUUID().toString(), "summary", "detail", "info", null, List.of(), null, overrideReasons,
                List.of(), Map.of(AllCdsExtension.KEY, extension));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
