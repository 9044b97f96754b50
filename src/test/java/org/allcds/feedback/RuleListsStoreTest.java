package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.allcds.hooks.Coding;
import org.junit.jupiter.api.Test;

/**
 * Rule lists stored once per distinct list (migration V5): the per-rule summary counts a card's rules whether it was
 * recorded before V5 (a row per rule) or after (a shared list), and writing the same list again, from any store,
 * adds no rows. On H2 in memory here, on PostgreSQL in {@code RuleListsStorePostgresIT}.
 */
class RuleListsStoreTest extends MigratedStoreTest {

    static final String SERVICE = "ped-all-relapse";
    static final String OTHER_SERVICE = "ped-all-risk";
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Coding JUDGEMENT = new Coding("https://all-cds.org/reasons", "judgement", "Clinical judgement");
    static final Coding PLAN = new Coding("https://all-cds.org/reasons", "plan", "Already in the plan");
    static final IssuedCard.RuleRef A = new IssuedCard.RuleRef("R-REL-02", "1.0.0");
    static final IssuedCard.RuleRef B = new IssuedCard.RuleRef("R-REL-03", "1.0.0");
    static final IssuedCard.RuleRef C = new IssuedCard.RuleRef("R-RISK-01", "2.1.0");

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2("rule-lists");
    }

    @Test
    void cardsRecordedBeforeMigrationV5_countInTheSummaryAsBefore_alongsideCardsRecordedAfter() {
        migrate("4");
        // As the store wrote them up to V4: a row per rule per card.
        legacyCard("old-1", NOW.minus(Duration.ofDays(2)), A, B);
        legacyCard("old-2", NOW.minus(Duration.ofDays(2)).plusSeconds(1), A);
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx);
        store.save(List.of(overridden("old-1", JUDGEMENT), accepted("old-2")));

        assertThat(summary(null, null)).extracting(FeedbackSummary.RuleSummary::ruleId,
                FeedbackSummary.RuleSummary::cardsIssued, FeedbackSummary.RuleSummary::accepted,
                FeedbackSummary.RuleSummary::overridden).containsExactly(
                tuple("R-REL-02", 2L, 1L, 1L),
                tuple("R-REL-03", 1L, 0L, 1L));
        assertThat(summary(null, null).get(0).topOverrideReasons())
                .containsExactly(new FeedbackSummary.ReasonCount(JUDGEMENT.system(), "judgement", JUDGEMENT.display(), 1));

        store.recordIssued(List.of(card("new-1", SERVICE, A, B), card("new-2", SERVICE, A, B)));
        store.recordIssued(List.of(card("new-3", SERVICE, A, B), card("new-4", OTHER_SERVICE, C)));
        store.save(List.of(overridden("new-1", PLAN), overridden("new-3", PLAN), accepted("new-4", OTHER_SERVICE)));

        assertThat(summary(null, null)).extracting(FeedbackSummary.RuleSummary::ruleId,
                FeedbackSummary.RuleSummary::cardsIssued, FeedbackSummary.RuleSummary::accepted,
                FeedbackSummary.RuleSummary::overridden).containsExactly(
                tuple("R-REL-02", 5L, 1L, 3L),
                tuple("R-REL-03", 4L, 0L, 3L),
                tuple("R-RISK-01", 1L, 1L, 0L));
        assertThat(summary(null, null).get(0).topOverrideReasons()).extracting(FeedbackSummary.ReasonCount::code,
                FeedbackSummary.ReasonCount::cards).containsExactly(tuple("plan", 2L), tuple("judgement", 1L));
        assertThat(summary(null, "R-REL-03")).singleElement().extracting(FeedbackSummary.RuleSummary::cardsIssued)
                .isEqualTo(4L);
        assertThat(summary(OTHER_SERVICE, null)).extracting(FeedbackSummary.RuleSummary::ruleId)
                .containsExactly("R-RISK-01");
        assertThat(rows("issued_card_rule")).as("the old cards' rows, as they were").isEqualTo(3);
        assertThat(rows("listed_rule")).as("two lists: (A, B) and (C)").isEqualTo(3);
    }

    @Test
    void theSameList_writtenAgain_byThisStoreOrAnother_isStoredOnce() {
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx);
        for (int batch = 0; batch < 3; batch++) {
            store.recordIssued(List.of(card("a" + batch, SERVICE, A, B, C), card("b" + batch, SERVICE, A, B, C)));
        }
        // Another replica, or this one restarted: it knows no list, looks the list up and finds it stored.
        new FeedbackStore(jdbc, tx).recordIssued(List.of(card("c", SERVICE, A, B, C)));
        // The same rules in another order make another list: a card's rules are kept in the order recorded.
        store.recordIssued(List.of(card("d", SERVICE, C, A)));

        assertThat(jdbc.queryForList("SELECT rule_id FROM listed_rule WHERE rule_list = ? ORDER BY rule_no",
                String.class, RuleList.of(List.of(A, B, C)).id())).containsExactly("R-REL-02", "R-REL-03", "R-RISK-01");
        assertThat(rows("listed_rule")).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT rule_list) FROM issued_card", Long.class)).isEqualTo(2);
        assertThat(rows("issued_card_rule")).isZero();
        assertThat(summary(null, null)).extracting(FeedbackSummary.RuleSummary::ruleId,
                FeedbackSummary.RuleSummary::cardsIssued).containsExactly(
                tuple("R-REL-02", 8L), tuple("R-REL-03", 7L), tuple("R-RISK-01", 8L));
    }

    @Test
    void aCardWithoutRules_namesNoList_andCountsForNoRule() {
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx);
        store.recordIssued(List.of(card("none", SERVICE), card("one", SERVICE, A)));

        assertThat(jdbc.queryForObject("SELECT rule_list FROM issued_card WHERE card_uuid = 'none'", String.class)).isNull();
        assertThat(rows("listed_rule")).isEqualTo(1);
        assertThat(summary(null, null)).extracting(FeedbackSummary.RuleSummary::ruleId,
                FeedbackSummary.RuleSummary::cardsIssued).containsExactly(tuple("R-REL-02", 1L));
    }

    @Test
    void cardsOfBothForms_arePurgedWithTheirRules_theSharedListsStay() {
        migrate("4");
        legacyCard("old", NOW.minus(Duration.ofDays(400)), A, B);
        migrate(null);
        FeedbackStore store = new FeedbackStore(jdbc, tx, 2);
        store.recordIssued(List.of(card("new-1", SERVICE, A, B)));
        store.recordIssued(List.of(card("new-2", SERVICE, A, B)));

        // The limit (two cards) deleted the oldest card, the one recorded before V5, and its rows.
        assertThat(jdbc.queryForList("SELECT card_uuid FROM issued_card", String.class))
                .containsExactlyInAnyOrder("new-1", "new-2");
        assertThat(rows("issued_card_rule")).isZero();
        assertThat(rows("carried_rule")).isEqualTo(4);

        new RetentionPurge(store, Clock.fixed(NOW.plus(Duration.ofDays(400)), ZoneOffset.UTC), Duration.ofDays(365))
                .purge();

        assertThat(rows("issued_card")).isZero();
        assertThat(rows("carried_rule")).isZero();
        assertThat(rows("listed_rule")).isEqualTo(2);
    }

    private void legacyCard(String uuid, Instant at, IssuedCard.RuleRef... rules) {
        jdbc.update("INSERT INTO issued_card (card_uuid, service_id, rule_set_hash, issued_at) VALUES (?, ?, ?, ?)",
                uuid, SERVICE, "0".repeat(64), FeedbackStore.utc(at));
        for (IssuedCard.RuleRef r : rules) {
            jdbc.update("INSERT INTO issued_card_rule (card_uuid, rule_id, rule_version) VALUES (?, ?, ?)", uuid, r.id(),
                    r.version());
        }
    }

    private List<FeedbackSummary.RuleSummary> summary(String service, String rule) {
        return TestDatabases.summaryQuery(jdbc).summary(NOW.minus(Duration.ofDays(7)), service, rule).rules();
    }

    private static IssuedCard card(String uuid, String service, IssuedCard.RuleRef... rules) {
        return new IssuedCard(uuid, service, "0".repeat(64), NOW, List.of(rules), OfferedReasons.of(List.of(JUDGEMENT, PLAN)));
    }

    private static FeedbackEntry overridden(String card, Coding reason) {
        return new FeedbackEntry(card, SERVICE, "overridden", reason, List.of(), NOW, NOW);
    }

    private static FeedbackEntry accepted(String card) {
        return accepted(card, SERVICE);
    }

    /** Feedback sent to {@code service}'s endpoint: it counts for the cards that service issued. */
    private static FeedbackEntry accepted(String card, String service) {
        return new FeedbackEntry(card, service, "accepted", null, List.of(), NOW, NOW);
    }
}
