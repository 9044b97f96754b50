package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.hooks.Coding;
import org.allcds.hooks.FeedbackItem;
import org.allcds.metrics.AllCdsMetrics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The limit on rows kept ({@code allcds.feedback.keep-newest}): cards issued and feedback entries beyond it are
 * deleted oldest first as they are written, so no reader ever sees more; it and the retention period apply together;
 * without it nothing goes but what the retention period says. On H2 in memory (the demo's store) here, on PostgreSQL
 * in {@code FeedbackStoreLimitPostgresIT}, both with the schema Flyway builds.
 */
class FeedbackStoreLimitTest {

    static final int KEEP = 50;
    static final String SERVICE = "ped-all-relapse";
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Coding OFFERED = new Coding("https://all-cds.org/fhir/CodeSystem/override-reason",
            "clinical-judgement", "Clinical judgement");
    static final Coding NOT_OFFERED = new Coding("https://example.org/reasons", "other", "Other");

    private HikariDataSource db;
    JdbcTemplate jdbc;
    private TransactionTemplate tx;

    /** The database the tests run on: a fresh, empty one per test. */
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2("limit");
    }

    @BeforeEach
    void migrate() {
        db = newDatabase();
        db.setMaximumPoolSize(4);
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
        tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private FeedbackStore store(int keepNewest) {
        return new FeedbackStore(jdbc, tx, keepNewest);
    }

    @Test
    void batchAfterBatch_theStoreKeepsTheNewestCards_withTheirRulesOnly() {
        FeedbackStore store = store(KEEP);
        List<String> issued = new ArrayList<>();
        Instant at = NOW;
        for (int batch = 0; batch < 60; batch++) {
            List<IssuedCard> cards = new ArrayList<>();
            for (int i = 0; i <= batch % 5; i++) {
                at = at.plusMillis(1);
                cards.add(card(UUID.randomUUID().toString(), at));
            }
            store.recordIssued(cards);
            cards.forEach(c -> issued.add(c.uuid()));
            assertThat(rows("issued_card")).isLessThanOrEqualTo(KEEP);
        }

        assertThat(issued).hasSizeGreaterThan(3 * KEEP);
        assertThat(keptCards())
                .containsExactlyInAnyOrderElementsOf(issued.subList(issued.size() - KEEP, issued.size()));
        // Nothing of a purged card is left behind: two rules per card kept, all from the one list of rules they carried,
        // and the one list of reasons they all offered.
        assertThat(rows("carried_rule")).isEqualTo(2L * KEEP);
        assertThat(rows("listed_rule")).isEqualTo(2);
        assertThat(rows("issued_card_rule")).isZero();
        assertThat(rows("offered_reason")).isEqualTo(1);
    }

    @Test
    void manyConcurrentCalls_throughTheCardLog_neverShowAReaderMoreThanTheLimit() throws Exception {
        CardLog cardLog = new CardLog(store(KEEP), tickingClock(), new AllCdsMetrics(new SimpleMeterRegistry()),
                10_000);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        AtomicBoolean calling = new AtomicBoolean(true);
        Future<Long> mostSeen = threads.submit(() -> {
            long most = 0;
            while (calling.get()) {
                most = Math.max(most, rows("issued_card"));
                Thread.sleep(1);
            }
            return most;
        });
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            callers.add(threads.submit(() -> {
                for (int call = 0; call < 60; call++) {
                    cardLog.issued(SERVICE, List.of(CardLogTest.card(), CardLogTest.card()));
                }
            }));
        }
        for (Future<?> caller : callers) {
            caller.get(60, TimeUnit.SECONDS);
        }
        cardLog.flush(Duration.ofSeconds(60));
        calling.set(false);

        assertThat(mostSeen.get(60, TimeUnit.SECONDS)).isLessThanOrEqualTo(KEEP);
        assertThat(rows("issued_card")).isEqualTo(KEEP);
        assertThat(rows("carried_rule")).isEqualTo(KEEP);
        assertThat(rows("listed_rule")).isEqualTo(1);
        assertThat(rows("issued_card_rule")).isZero();
        threads.shutdown();
        cardLog.close();
    }

    @Test
    void feedbackEntries_areKeptToTheNewest_inTheOrderReceived() {
        FeedbackStore store = store(KEEP);
        List<String> sent = new ArrayList<>();
        for (int call = 0; call < 80; call++) {
            List<FeedbackEntry> entries = new ArrayList<>();
            for (int i = 0; i <= call % 3; i++) {
                entries.add(feedback(UUID.randomUUID().toString(), NOW));
            }
            store.save(entries);
            entries.forEach(e -> sent.add(e.card()));
            assertThat(rows("feedback")).isLessThanOrEqualTo(KEEP);
        }

        assertThat(jdbc.queryForList("SELECT card_uuid FROM feedback ORDER BY id", String.class))
                .containsExactlyElementsOf(sent.subList(sent.size() - KEEP, sent.size()));
    }

    @Test
    void theLimitAndTheRetentionPeriod_applyTogether() {
        FeedbackStore store = store(5);
        List<String> old = List.of("old-1", "old-2", "old-3", "old-4");
        List<String> recent = List.of("recent-1", "recent-2", "recent-3");
        for (int i = 0; i < old.size(); i++) {
            store.recordIssued(List.of(card(old.get(i), NOW.minus(Duration.ofDays(400 - i)))));
            store.save(List.of(feedback(old.get(i), NOW.minus(Duration.ofDays(400 - i)))));
        }
        for (int i = 0; i < recent.size(); i++) {
            store.recordIssued(List.of(card(recent.get(i), NOW.minus(Duration.ofDays(3 - i)))));
            store.save(List.of(feedback(recent.get(i), NOW.minus(Duration.ofDays(3 - i)))));
        }
        assertThat(keptCards()).containsExactlyInAnyOrder("old-3", "old-4", "recent-1", "recent-2", "recent-3");

        new RetentionPurge(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(365)).purge();

        assertThat(keptCards()).containsExactlyInAnyOrderElementsOf(recent);
        assertThat(jdbc.queryForList("SELECT card_uuid FROM feedback", String.class))
                .containsExactlyInAnyOrderElementsOf(recent);
    }

    @Test
    void aLimitLowerThanWhatTheStoreHolds_isEnforcedByThePurgeAtStart() {
        FeedbackStore unlimited = store(FeedbackStore.UNLIMITED);
        List<String> issued = recordOneByOne(unlimited, 3 * KEEP);
        issued.forEach(card -> unlimited.save(List.of(feedback(card, NOW))));

        int[] deleted = new RetentionPurge(store(KEEP), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(365)).purge();

        assertThat(deleted).containsExactly(2 * KEEP, 2 * KEEP);
        assertThat(keptCards()).containsExactlyInAnyOrderElementsOf(issued.subList(2 * KEEP, 3 * KEEP));
        assertThat(rows("feedback")).isEqualTo(KEEP);
    }

    @Test
    void withoutALimit_nothingIsDeleted_butWhatIsOlderThanTheRetentionPeriod() {
        FeedbackStore store = store(FeedbackStore.UNLIMITED);
        List<String> issued = recordOneByOne(store, 4 * KEEP);
        issued.forEach(card -> store.save(List.of(feedback(card, NOW))));
        store.recordIssued(List.of(card("expired", NOW.minus(Duration.ofDays(366)))));
        store.save(List.of(feedback("expired", NOW.minus(Duration.ofDays(366)))));

        int[] deleted = new RetentionPurge(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(365)).purge();

        assertThat(deleted).containsExactly(1, 1);
        assertThat(keptCards()).containsExactlyInAnyOrderElementsOf(issued);
        assertThat(rows("feedback")).isEqualTo(4L * KEEP);
    }

    @Test
    void feedbackOnAPurgedCard_isAcceptedAsForACardNeverIssued_andCountedUnmatched() {
        FeedbackStore store = store(2);
        FeedbackService service = new FeedbackService(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30),
                new AllCdsMetrics(new SimpleMeterRegistry()), TestDatabases.calls());
        store.recordIssued(List.of(card("first", NOW.minusSeconds(3))));
        // While the card is kept, a reason it did not offer is refused (400) ...
        assertThatThrownBy(() -> service.accept(SERVICE, List.of(overridden("first", NOT_OFFERED))))
                .isInstanceOf(InvalidCdsRequestException.class);
        store.recordIssued(List.of(card("second", NOW.minusSeconds(2)), card("third", NOW.minusSeconds(1))));

        // ... once it is purged, the store knows it no more than a card it never issued: accepted as sent.
        service.accept(SERVICE, List.of(overridden("first", NOT_OFFERED)));

        assertThat(store.offeredReasons("first", SERVICE)).isEmpty();
        assertThat(store.feedbackOn("first")).singleElement().extracting(FeedbackEntry::reason).isEqualTo(NOT_OFFERED);
        FeedbackSummary summary = TestDatabases.summaryQuery(jdbc).summary(NOW.minus(Duration.ofDays(1)), null, null);
        assertThat(summary.unmatched().entries()).isEqualTo(1);
        assertThat(summary.rules()).allSatisfy(rule -> assertThat(rule.cardsIssued()).isEqualTo(2));
    }

    @Test
    void aNegativeLimit_isRefused() {
        assertThatThrownBy(() -> store(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> recordOneByOne(FeedbackStore store, int cards) {
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < cards; i++) {
            String uuid = UUID.randomUUID().toString();
            store.recordIssued(List.of(card(uuid, NOW.minus(Duration.ofMinutes(cards - i)))));
            issued.add(uuid);
        }
        return issued;
    }

    long rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private List<String> keptCards() {
        return jdbc.queryForList("SELECT card_uuid FROM issued_card", String.class);
    }

    private static IssuedCard card(String uuid, Instant at) {
        return new IssuedCard(uuid, SERVICE, "0".repeat(64), at,
                List.of(new IssuedCard.RuleRef("R-REL-02", "1.0.0"), new IssuedCard.RuleRef("R-REL-03", "1.0.0")),
                OfferedReasons.of(List.of(OFFERED)));
    }

    private static FeedbackEntry feedback(String card, Instant at) {
        return new FeedbackEntry(card, SERVICE, "accepted", null, List.of(), at, at);
    }

    private static FeedbackItem overridden(String card, Coding reason) {
        return new FeedbackItem(card, "overridden", List.of(), reason, null, NOW);
    }

    /** A clock that moves on a millisecond at every reading, so that no two responses share an issue time. */
    private static Clock tickingClock() {
        AtomicLong millis = new AtomicLong(NOW.toEpochMilli());
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.incrementAndGet());
            }
        };
    }
}
