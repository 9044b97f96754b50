package org.allcds.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allcds.hooks.Coding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cards issued and feedback, in the relational store (H2 or PostgreSQL, schema by Flyway). Each write is one
 * transaction: a batch is stored whole or not at all. Database failures surface as Spring's DataAccessException.
 *
 * <p>With a limit ({@code keepNewest} above 0), a write also deletes the oldest rows of its table beyond the limit, in
 * the same transaction, so that a reader never sees more than that many cards issued (one writer: the card log) and a
 * store in memory (the demo's) stays bounded however long it serves. Feedback calls write concurrently: two at once may
 * both delete the same oldest entry and leave one more than the limit until the next write. Cards are the newest by
 * {@code issued_at}, feedback by the order received. Without a limit only the retention period deletes anything
 * ({@link #purgeBefore}).
 */
public class FeedbackStore {

    /** No limit on the rows kept: only the retention period deletes. */
    public static final int UNLIMITED = 0;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private static final String COUNT_CARDS = "SELECT COUNT(*) FROM issued_card";
    /** The oldest cards, in the issued_at index's order; the cascade deletes their rules, findings and reasons. */
    private static final String DELETE_OLDEST_CARDS = "DELETE FROM issued_card WHERE card_uuid IN"
            + " (SELECT card_uuid FROM issued_card ORDER BY issued_at FETCH FIRST ? ROWS ONLY)";
    private static final String COUNT_FEEDBACK = "SELECT COUNT(*) FROM feedback";
    private static final String DELETE_OLDEST_FEEDBACK = "DELETE FROM feedback WHERE id IN"
            + " (SELECT id FROM feedback ORDER BY id FETCH FIRST ? ROWS ONLY)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int keepNewest;

    /** A store without a limit on the rows kept. */
    public FeedbackStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this(jdbc, tx, UNLIMITED);
    }

    /** @param keepNewest cards issued, and feedback entries, kept at most (the newest); {@link #UNLIMITED}: no limit */
    public FeedbackStore(JdbcTemplate jdbc, TransactionTemplate tx, int keepNewest) {
        if (keepNewest < 0) {
            throw new IllegalArgumentException("keepNewest must be 0 (no limit) or positive: " + keepNewest);
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.keepNewest = keepNewest;
    }

    /** Stores the cards in one transaction, one batch per table however many cards there are, then keeps the limit. */
    public void recordIssued(List<IssuedCard> cards) {
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate("INSERT INTO issued_card (card_uuid, service_id, rule_set_hash, issued_at) VALUES (?, ?, ?, ?)",
                    cards.stream().map(c -> new Object[] {c.uuid(), c.serviceId(), c.ruleSetHash(), utc(c.issuedAt())}).toList());
            jdbc.batchUpdate("INSERT INTO issued_card_rule (card_uuid, rule_id, rule_version) VALUES (?, ?, ?)",
                    cards.stream().flatMap(c -> c.rules().stream().map(r -> new Object[] {c.uuid(), r.id(), r.version()}))
                            .toList());
            jdbc.batchUpdate("INSERT INTO issued_card_finding (card_uuid, finding_no, finding_type, scheme, finding_value)"
                    + " VALUES (?, ?, ?, ?, ?)", cards.stream().flatMap(c -> findingRows(c).stream()).toList());
            jdbc.batchUpdate("INSERT INTO issued_card_reason (card_uuid, reason_system, reason_code, reason_display)"
                    + " VALUES (?, ?, ?, ?)", cards.stream().flatMap(c -> c.offeredReasons().stream()
                    .map(r -> new Object[] {c.uuid(), r.system(), r.code(), r.display()})).toList());
            deleteBeyondLimit(COUNT_CARDS, DELETE_OLDEST_CARDS);
        });
    }

    private static List<Object[]> findingRows(IssuedCard card) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < card.findings().size(); i++) {
            IssuedCard.FindingRef f = card.findings().get(i);
            rows.add(new Object[] {card.uuid(), i, f.type(), f.scheme(), f.value()});
        }
        return rows;
    }

    /** The reasons the card offered, or empty when this store never recorded the card. */
    public Optional<List<Coding>> offeredReasons(String card) {
        Integer issued = jdbc.queryForObject("SELECT COUNT(*) FROM issued_card WHERE card_uuid = ?", Integer.class, card);
        if (issued == null || issued == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.query("SELECT reason_system, reason_code, reason_display FROM issued_card_reason"
                + " WHERE card_uuid = ?", (rs, n) -> new Coding(rs.getString(1), rs.getString(2), rs.getString(3)), card));
    }

    /** Stores every entry in one transaction, then keeps the limit; it returns only once they are committed. */
    public void save(List<FeedbackEntry> entries) {
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate("INSERT INTO feedback (card_uuid, service_id, outcome,"
                    + " reason_system, reason_code, reason_display, accepted_suggestions, outcome_at, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", entries.stream().map(FeedbackStore::row).toList());
            deleteBeyondLimit(COUNT_FEEDBACK, DELETE_OLDEST_FEEDBACK);
        });
    }

    private static Object[] row(FeedbackEntry e) {
        Coding r = e.reason();
        return new Object[] {e.card(), e.serviceId(), e.outcome(), r == null ? null : r.system(),
                r == null ? null : r.code(), r == null ? null : r.display(), JSON.writeValueAsString(e.acceptedSuggestions()),
                utc(e.outcomeAt()), utc(e.receivedAt())};
    }

    /** Feedback on one card, oldest first. */
    public List<FeedbackEntry> feedbackOn(String card) {
        return jdbc.query("SELECT card_uuid, service_id, outcome, reason_system, reason_code, reason_display,"
                + " accepted_suggestions, outcome_at, received_at FROM feedback WHERE card_uuid = ? ORDER BY id",
                (rs, n) -> entry(rs), card);
    }

    private static FeedbackEntry entry(ResultSet rs) throws SQLException {
        Coding reason = rs.getString(5) == null ? null : new Coding(rs.getString(4), rs.getString(5), rs.getString(6));
        return new FeedbackEntry(rs.getString(1), rs.getString(2), rs.getString(3), reason,
                JSON.readValue(rs.getString(7), STRINGS), instant(rs, 8), instant(rs, 9));
    }

    /** Deletes cards issued and feedback received before {@code cutoff}; returns how many rows of each went. */
    public int[] purgeBefore(Instant cutoff) {
        return tx.execute(status -> new int[] {
            jdbc.update("DELETE FROM issued_card WHERE issued_at < ?", utc(cutoff)),
            jdbc.update("DELETE FROM feedback WHERE received_at < ?", utc(cutoff))});
    }

    /**
     * Deletes the oldest cards issued and feedback entries beyond the limit, as every write does; for a limit lowered
     * since the rows were written. Returns how many rows of each went.
     */
    public int[] purgeBeyondLimit() {
        return tx.execute(status -> new int[] {
            deleteBeyondLimit(COUNT_CARDS, DELETE_OLDEST_CARDS),
            deleteBeyondLimit(COUNT_FEEDBACK, DELETE_OLDEST_FEEDBACK)});
    }

    /** The limit on cards issued and on feedback entries, each; {@link #UNLIMITED} for none. */
    public int keepNewest() {
        return keepNewest;
    }

    /** In the caller's transaction: counts the table, then deletes its oldest rows beyond the limit. */
    private int deleteBeyondLimit(String count, String deleteOldest) {
        if (keepNewest == UNLIMITED) {
            return 0;
        }
        Long rows = jdbc.queryForObject(count, Long.class);
        long excess = rows == null ? 0 : rows - keepNewest;
        return excess > 0 ? jdbc.update(deleteOldest, excess) : 0;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }
}
