package org.allcds.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.allcds.hooks.Coding;
import org.springframework.dao.DuplicateKeyException;
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

    private static final String INSERT_CARD = "INSERT INTO issued_card (card_uuid, service_id, rule_set_hash, issued_at,"
            + " reason_set, rule_list, offered_suggestions) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** Width of issued_card.offered_suggestions; a longer list is not kept, and the card's suggestions are unknown. */
    private static final int MAX_SUGGESTIONS_JSON = 4000;
    private static final String COUNT_CARDS = "SELECT COUNT(*) FROM issued_card";
    /** The oldest cards, in the issued_at index's order; the cascade deletes the rows of cards recorded before V4/V5. */
    private static final String DELETE_OLDEST_CARDS = "DELETE FROM issued_card WHERE card_uuid IN"
            + " (SELECT card_uuid FROM issued_card ORDER BY issued_at FETCH FIRST ? ROWS ONLY)";
    private static final String COUNT_FEEDBACK = "SELECT COUNT(*) FROM feedback";
    private static final String DELETE_OLDEST_FEEDBACK = "DELETE FROM feedback WHERE id IN"
            + " (SELECT id FROM feedback ORDER BY id FETCH FIRST ? ROWS ONLY)";

    /** Entry keys looked up in one query at most (a database limits a statement's parameters). */
    private static final int KEYS_PER_QUERY = 500;

    /** Lists of each kind remembered as stored at most; past it a list is looked up in the store, as before. */
    static final int MAX_KNOWN_LISTS = 1024;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int keepNewest;
    private final SharedLists<OfferedReasons> reasonLists = new SharedLists<>("offered_reason", "reason_set",
            "reason_no", List.of("reason_system", "reason_code", "reason_display"), OfferedReasons::id,
            list -> list.reasons().stream().map(r -> new Object[] {r.system(), r.code(), r.display()}).toList());
    private final SharedLists<RuleList> ruleLists = new SharedLists<>("listed_rule", "rule_list", "rule_no",
            List.of("rule_id", "rule_version"), RuleList::id,
            list -> list.rules().stream().map(r -> new Object[] {r.id(), r.version()}).toList());

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

    /**
     * Stores the cards in one transaction, one batch per table however many cards there are, then keeps the limit.
     * A list of override reasons or of rules not yet stored is stored first, in the same transaction; should another
     * replica store the same list at the same moment, the primary key refuses the second, and the batch is written
     * once more.
     */
    public void recordIssued(List<IssuedCard> cards) {
        try {
            writeIssued(cards);
        } catch (DuplicateKeyException sameListStoredByAnotherReplica) {
            writeIssued(cards);
        }
    }

    private void writeIssued(List<IssuedCard> cards) {
        List<List<String>> named = tx.execute(status -> {
            List<String> reasons = reasonLists.storeNew(cards.stream().map(IssuedCard::offeredReasons));
            List<String> rules = ruleLists.storeNew(cards.stream().map(IssuedCard::ruleList));
            jdbc.batchUpdate(INSERT_CARD, cards, cards.size(), (ps, c) -> {
                ps.setString(1, c.uuid());
                ps.setString(2, c.serviceId());
                ps.setString(3, c.ruleSetHash());
                ps.setObject(4, utc(c.issuedAt()));
                ps.setString(5, c.offeredReasons().id());
                ps.setString(6, c.ruleList().id());
                ps.setString(7, suggestionsJson(c.suggestionIds()));
            });
            deleteBeyondLimit(COUNT_CARDS, DELETE_OLDEST_CARDS);
            return List.of(reasons, rules);
        });
        reasonLists.remember(named.get(0));
        ruleLists.remember(named.get(1));
    }

    /**
     * A table of lists each stored once, under an id derived from its content, with a row per item (its id, its
     * position, its values), and the ids of the lists this store has seen committed: nothing deletes a stored list, so
     * once seen it need not be looked up again. Without that memory every write asked the database about each list
     * its cards named.
     */
    private final class SharedLists<L> {
        private final String countList;
        private final String insertItem;
        private final Function<L, String> id;
        private final Function<L, List<Object[]>> items;
        private final Set<String> committed = ConcurrentHashMap.newKeySet();

        /** @param items the values of each item, in order, for {@code columns} */
        SharedLists(String table, String idColumn, String positionColumn, List<String> columns,
                    Function<L, String> id, Function<L, List<Object[]>> items) {
            this.countList = "SELECT COUNT(*) FROM " + table + " WHERE " + idColumn + " = ?";
            this.insertItem = "INSERT INTO " + table + " (" + idColumn + ", " + positionColumn + ", "
                    + String.join(", ", columns) + ") VALUES (?, ?" + ", ?".repeat(columns.size()) + ")";
            this.id = id;
            this.items = items;
        }

        /**
         * Stores each distinct list named that the store does not hold yet (a batch names one or a few); returns the
         * ids of the lists named, which are stored once the transaction commits. A list without an id (an empty one)
         * names nothing.
         */
        List<String> storeNew(Stream<L> named) {
            // By id, which is derived from the content: a card log's cards share one value per list anyway.
            Map<String, L> byId = new LinkedHashMap<>();
            named.forEach(list -> {
                String listId = id.apply(list);
                if (listId != null) {
                    byId.putIfAbsent(listId, list);
                }
            });
            byId.forEach((listId, list) -> {
                if (!committed.contains(listId) && count(countList, listId) == 0) {
                    store(listId, list);
                }
            });
            return List.copyOf(byId.keySet());
        }

        private void store(String listId, L list) {
            List<Object[]> rows = new ArrayList<>();
            for (Object[] values : items.apply(list)) {
                Object[] row = new Object[values.length + 2];
                row[0] = listId;
                row[1] = rows.size();
                System.arraycopy(values, 0, row, 2, values.length);
                rows.add(row);
            }
            jdbc.batchUpdate(insertItem, rows);
        }

        /** Only after the commit: a list written in a transaction that rolled back is not stored. */
        void remember(List<String> ids) {
            for (String listId : ids) {
                if (committed.size() >= MAX_KNOWN_LISTS) {
                    return;
                }
                committed.add(listId);
            }
        }
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    /**
     * The reasons the card offered, in the order offered, or empty when this store never recorded the card as issued by
     * {@code service}: feedback sent to another service's endpoint is that service's unmatched feedback.
     */
    public Optional<List<Coding>> offeredReasons(String card, String service) {
        List<Optional<String>> list = jdbc.query("SELECT reason_set FROM issued_card WHERE card_uuid = ? AND service_id = ?",
                (rs, n) -> Optional.ofNullable(rs.getString(1)), card, service);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        if (list.get(0).isPresent()) {
            return Optional.of(jdbc.query("SELECT reason_system, reason_code, reason_display FROM offered_reason"
                    + " WHERE reason_set = ? ORDER BY reason_no", FeedbackStore::coding, list.get(0).get()));
        }
        // Recorded before migration V4 (its own rows), or it offered none (no rows).
        return Optional.of(jdbc.query("SELECT reason_system, reason_code, reason_display FROM issued_card_reason"
                + " WHERE card_uuid = ?", FeedbackStore::coding, card));
    }

    /**
     * The ids of the suggestions the card offered, or empty when this store never recorded the card as issued by
     * {@code service} or does not know them (recorded before migration V7, or too many to keep).
     */
    public Optional<List<String>> offeredSuggestions(String card, String service) {
        List<String> json = jdbc.query("SELECT offered_suggestions FROM issued_card WHERE card_uuid = ? AND service_id = ?",
                (rs, n) -> rs.getString(1), card, service);
        return json.isEmpty() || json.get(0) == null ? Optional.empty() : Optional.of(JSON.readValue(json.get(0), STRINGS));
    }

    private static String suggestionsJson(List<String> ids) {
        String json = JSON.writeValueAsString(ids);
        return json.length() > MAX_SUGGESTIONS_JSON ? null : json;
    }

    private static Coding coding(ResultSet rs, int row) throws SQLException {
        return new Coding(rs.getString(1), rs.getString(2), rs.getString(3));
    }

    /**
     * Stores every entry in one transaction, then keeps the limit; it returns only once they are committed. An entry
     * stored already (the same {@link FeedbackEntry#key()}: a client's retry of a call whose write landed although it
     * was answered 503) is not stored again, nor is the same entry twice in one call; should another call store the
     * same entry at the same moment, the unique key refuses the second, and the batch is written once more. Returns
     * the entries stored now.
     */
    public List<FeedbackEntry> save(List<FeedbackEntry> entries) {
        try {
            return writeFeedback(entries);
        } catch (DuplicateKeyException sameEntryStoredByAnotherCall) {
            return writeFeedback(entries);
        }
    }

    private List<FeedbackEntry> writeFeedback(List<FeedbackEntry> entries) {
        Map<String, FeedbackEntry> byKey = new LinkedHashMap<>();
        entries.forEach(e -> byKey.putIfAbsent(e.key(), e));
        return tx.execute(status -> {
            List<String> keys = List.copyOf(byKey.keySet());
            for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
                List<String> some = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
                jdbc.queryForList("SELECT entry_key FROM feedback WHERE entry_key IN ("
                        + String.join(", ", Collections.nCopies(some.size(), "?")) + ")", String.class, some.toArray())
                        .forEach(byKey::remove);
            }
            jdbc.batchUpdate("INSERT INTO feedback (entry_key, card_uuid, service_id, outcome, reason_system, reason_code,"
                    + " reason_display, accepted_suggestions, outcome_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    byKey.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList());
            deleteBeyondLimit(COUNT_FEEDBACK, DELETE_OLDEST_FEEDBACK);
            return List.copyOf(byKey.values());
        });
    }

    private static Object[] row(String key, FeedbackEntry e) {
        Coding r = e.reason();
        return new Object[] {key, e.card(), e.serviceId(), e.outcome(), r == null ? null : r.system(),
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
        long excess = count(count) - keepNewest;
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
