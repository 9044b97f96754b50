package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.hooks.Coding;
import org.allcds.hooks.FeedbackItem;
import org.allcds.metrics.AllCdsMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Override reasons stored once per distinct list (migration V4) and the feedback checks that read them: a card reads
 * back exactly the reasons it offered, in order; feedback naming another is refused; cards recorded before V4 keep
 * theirs. On H2 in memory here, on PostgreSQL in {@code OfferedReasonsStorePostgresIT}.
 */
class OfferedReasonsStoreTest extends MigratedStoreTest {

    static final String SERVICE = "ped-all-relapse";
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Coding LATER = new Coding("https://all-cds.org/reasons", "later", "Will review later");
    static final Coding JUDGEMENT = new Coding("https://all-cds.org/reasons", "judgement", "Clinical judgement");
    static final Coding PLAN = new Coding("https://all-cds.org/reasons", "plan", "Already in the plan");

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2("reasons");
    }

    @Test
    void cardsOfferingTheSameReasons_shareOneStoredList_readBackInTheOrderOffered() {
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx);
        List<Coding> offered = List.of(PLAN, JUDGEMENT, LATER);
        for (int batch = 0; batch < 3; batch++) {
            store.recordIssued(List.of(card("c" + batch + "a", offered), card("c" + batch + "b", List.copyOf(offered))));
        }

        assertThat(rows("offered_reason")).isEqualTo(3);
        assertThat(store.offeredReasons("c0a", SERVICE)).hasValue(offered);
        assertThat(store.offeredReasons("c2b", SERVICE)).hasValue(offered);
        assertThat(store.offeredReasons("never-issued", SERVICE)).isEmpty();
    }

    @Test
    void eachCard_isCheckedAgainstItsOwnList_andACardThatOfferedNone_refusesEveryReason() {
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx);
        store.recordIssued(List.of(card("one", List.of(JUDGEMENT)), card("two", List.of(JUDGEMENT, LATER)),
                card("none", List.of())));
        FeedbackService feedback = feedbackService(store);

        assertThat(store.offeredReasons("none", SERVICE)).hasValue(List.of());
        assertThatThrownBy(() -> feedback.accept(SERVICE, List.of(overridden("one", LATER))))
                .isInstanceOf(InvalidCdsRequestException.class).hasMessageContaining("(judgement)");
        assertThatThrownBy(() -> feedback.accept(SERVICE, List.of(overridden("none", LATER))))
                .isInstanceOf(InvalidCdsRequestException.class).hasMessageContaining("(none)");
        feedback.accept(SERVICE, List.of(overridden("two", new Coding(LATER.system(), LATER.code(), null))));

        assertThat(store.feedbackOn("two")).singleElement().extracting(FeedbackEntry::reason).isEqualTo(LATER);
        assertThat(store.feedbackOn("one")).isEmpty();
    }

    /**
     * Feedback sent to another service's endpoint about this card: that service never issued it, so it is that service's
     * unmatched feedback, neither checked against the card's reasons nor counted as an override of its rules.
     */
    @Test
    void feedbackOnACardOfAnotherService_isThatServicesUnmatchedFeedback() {
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx);
        store.recordIssued(List.of(card("relapse-card", List.of(JUDGEMENT))));

        feedbackService(store).accept("ped-all-risk", List.of(overridden("relapse-card", LATER)));

        FeedbackSummaryQuery summaries = new FeedbackSummaryQuery(jdbc, 5, TestDatabases.calls(), Duration.ofSeconds(30));
        Instant since = NOW.minus(Duration.ofDays(1));
        assertThat(summaries.summary(since, "ped-all-risk", null).unmatched().overridden()).isEqualTo(1);
        assertThat(summaries.summary(since, SERVICE, null).rules()).singleElement()
                .satisfies(r -> assertThat(r.overridden()).isZero());
        assertThat(store.offeredReasons("relapse-card", "ped-all-risk")).isEmpty();
    }

    /** Thousands of entries in one call took longer than the store's timeout: a 503 and an outage that was not one. */
    @Test
    void aCallWithMoreEntriesThanTheLimit_isRefusedWhole_beforeTheStoreIsAsked() {
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx);
        store.recordIssued(List.of(card("one", List.of(JUDGEMENT))));
        List<FeedbackItem> tooMany = java.util.stream.IntStream.rangeClosed(0, FeedbackService.MAX_ENTRIES)
                .mapToObj(i -> overridden("one", JUDGEMENT)).toList();

        assertThatThrownBy(() -> feedbackService(store).accept(SERVICE, tooMany))
                .isInstanceOf(InvalidCdsRequestException.class).hasMessageContaining("101 entries; at most 100");
        assertThat(store.feedbackOn("one")).isEmpty();
        feedbackService(store).accept(SERVICE, tooMany.subList(0, FeedbackService.MAX_ENTRIES));
        assertThat(store.feedbackOn("one")).hasSize(1); // the same entry, kept once
    }

    @Test
    void aListAnotherReplicaStoresBetweenTheCheckAndTheInsert_isTakenAsStored_andTheCardsAreWritten() {
        migrate(null);
        List<Coding> offered = List.of(JUDGEMENT, LATER);
        // The other replica: the same list under the same id, committed after this store looked and found none.
        new FeedbackStore(jdbc, tx).recordIssued(List.of(card("theirs", offered)));
        AtomicBoolean lookedOnce = new AtomicBoolean();
        JdbcTemplate lateToSee = new JdbcTemplate(db) {
            @Override
            public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
                if (sql.contains("FROM offered_reason") && lookedOnce.compareAndSet(false, true)) {
                    return requiredType.cast(0L);
                }
                return super.queryForObject(sql, requiredType, args);
            }
        };

        new FeedbackStore(lateToSee, tx).recordIssued(List.of(card("ours", offered)));

        assertThat(lookedOnce).isTrue();
        assertThat(rows("offered_reason")).isEqualTo(2);
        assertThat(new FeedbackStore(jdbc, tx).offeredReasons("ours", SERVICE)).hasValue(offered);
    }

    @Test
    void aListOnceCommitted_isNotLookedUpAgain_butOneWrittenInARolledBackBatch_is() {
        migrate(null);
        List<Coding> offered = List.of(PLAN, LATER);
        AtomicInteger lookups = new AtomicInteger();
        JdbcTemplate counting = new JdbcTemplate(db) {
            @Override
            public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
                if (sql.contains("FROM offered_reason")) {
                    lookups.incrementAndGet();
                }
                return super.queryForObject(sql, requiredType, args);
            }
        };
        FeedbackStore store = new FeedbackStore(counting, tx);
        IssuedCard refused = new IssuedCard("refused", "s".repeat(101), "0".repeat(64), NOW, List.of(),
                OfferedReasons.of(offered));
        assertThatThrownBy(() -> store.recordIssued(List.of(refused))).isInstanceOf(DataAccessException.class);
        assertThat(rows("offered_reason")).isZero();

        for (int batch = 0; batch < 3; batch++) {
            store.recordIssued(List.of(card("c" + batch, offered)));
        }

        assertThat(lookups).hasValue(2);
        assertThat(rows("offered_reason")).isEqualTo(2);
        assertThat(store.offeredReasons("c2", SERVICE)).hasValue(offered);
    }

    @Test
    void aCardRecordedBeforeMigrationV4_keepsTheReasonsItWasStoredWith() {
        migrate("3");
        jdbc.update("INSERT INTO issued_card (card_uuid, service_id, rule_set_hash, issued_at) VALUES (?, ?, ?, ?)",
                "legacy", SERVICE, "0".repeat(64), FeedbackStore.utc(NOW));
        jdbc.update("INSERT INTO issued_card_rule (card_uuid, rule_id, rule_version) VALUES ('legacy', 'R-REL-02', '1.0.0')");
        jdbc.update("INSERT INTO issued_card_finding (card_uuid, finding_no, finding_type, scheme, finding_value)"
                + " VALUES ('legacy', 0, 'relapse-timing', 'COG', 'LATE')");
        jdbc.update("INSERT INTO issued_card_reason (card_uuid, reason_system, reason_code, reason_display) VALUES (?, ?, ?, ?)",
                "legacy", JUDGEMENT.system(), JUDGEMENT.code(), JUDGEMENT.display());
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx);

        assertThat(store.offeredReasons("legacy", SERVICE)).hasValue(List.of(JUDGEMENT));
        assertThatThrownBy(() -> feedbackService(store).accept(SERVICE, List.of(overridden("legacy", LATER))))
                .isInstanceOf(InvalidCdsRequestException.class);
        feedbackService(store).accept(SERVICE, List.of(overridden("legacy", JUDGEMENT)));
        assertThat(store.feedbackOn("legacy")).hasSize(1);

        new RetentionPurge(store, Clock.fixed(NOW.plus(Duration.ofDays(400)), ZoneOffset.UTC), Duration.ofDays(365)).purge();
        assertThat(rows("issued_card_reason")).isZero();
    }

    private static IssuedCard card(String uuid, List<Coding> offered) {
        return new IssuedCard(uuid, SERVICE, "0".repeat(64), NOW, List.of(new IssuedCard.RuleRef("R-REL-02", "1.0.0")),
                OfferedReasons.of(offered));
    }

    private static FeedbackService feedbackService(FeedbackStore store) {
        return new FeedbackService(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30),
                new AllCdsMetrics(new SimpleMeterRegistry()), TestDatabases.calls());
    }

    private static FeedbackItem overridden(String card, Coding reason) {
        return new FeedbackItem(card, "overridden", List.of(), reason, null, NOW);
    }
}
