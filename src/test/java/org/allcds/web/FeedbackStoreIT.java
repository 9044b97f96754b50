package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.allcds.feedback.FeedbackEntry;
import org.allcds.feedback.FeedbackStore;
import org.allcds.feedback.IssuedCard;
import org.allcds.feedback.OfferedReasons;
import org.allcds.feedback.RetentionPurge;
import org.allcds.hooks.Coding;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/** The store itself, on the shared context's database: retention is enforced, and a batch is written whole or not at all. */
class FeedbackStoreIT extends AbstractHttpIT {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Autowired
    FeedbackStore store;

    private static IssuedCard card(String uuid, Instant at) {
        return new IssuedCard(uuid, RISK, "0".repeat(64), at, List.of(new IssuedCard.RuleRef("R-TEST", "1")),
                OfferedReasons.of(List.of(new Coding("https://example.org/reasons", "r1", "Reason one"))));
    }

    private static FeedbackEntry feedback(String card, Instant at) {
        return new FeedbackEntry(card, RISK, "overridden", null, List.of(), at, at);
    }

    @Test
    void purge_deletesCardsAndFeedbackOlderThanTheRetention_andKeepsTheRest() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        store.recordIssued(List.of(card(old, NOW.minus(Duration.ofDays(366))), card(recent, NOW.minus(Duration.ofDays(364)))));
        store.save(List.of(feedback(old, NOW.minus(Duration.ofDays(366))), feedback(recent, NOW.minus(Duration.ofDays(364)))));

        new RetentionPurge(store, Clock.fixed(NOW, java.time.ZoneOffset.UTC), Duration.ofDays(365)).purge();

        assertThat(store.offeredReasons(old, RISK)).isEmpty();
        assertThat(store.feedbackOn(old)).isEmpty();
        assertThat(store.offeredReasons(recent, RISK)).hasValue(List.of(new Coding("https://example.org/reasons", "r1", "Reason one")));
        assertThat(store.feedbackOn(recent)).hasSize(1);
    }

    @Test
    void aBatchWithOneEntryTheDatabaseRefuses_leavesNothingWritten() {
        String first = UUID.randomUUID().toString();
        FeedbackEntry tooLong = feedback("x".repeat(500), NOW);

        assertThatThrownBy(() -> store.save(List.of(feedback(first, NOW), tooLong))).isInstanceOf(DataAccessException.class);

        assertThat(store.feedbackOn(first)).isEmpty();
    }
}
