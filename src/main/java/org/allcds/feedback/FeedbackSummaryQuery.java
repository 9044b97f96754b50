package org.allcds.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allcds.errors.StoreUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Computes the {@link FeedbackSummary} in the database, joining feedback to the cards issued at read time; a card's
 * rules are read through the view {@code carried_rule}, whichever form the card was recorded in (migration V5). A store
 * that fails or does not answer within its timeout is a 503, as for feedback.
 */
public class FeedbackSummaryQuery {

    private final JdbcTemplate jdbc;
    private final int topReasons;
    private final StoreCalls calls;
    private final Duration retryAfter;

    FeedbackSummaryQuery(JdbcTemplate jdbc, int topReasons, StoreCalls calls, Duration retryAfter) {
        this.jdbc = jdbc;
        this.topReasons = topReasons;
        this.calls = calls;
        this.retryAfter = retryAfter;
    }

    /** @param service and rule: null for all */
    public FeedbackSummary summary(Instant since, String service, String rule) {
        try {
            return calls.call(() -> query(since, service, rule));
        } catch (StoreCalls.NoAnswer e) {
            throw new StoreUnavailableException("The feedback store is unavailable (" + e.getMessage() + "); retry later.",
                    retryAfter);
        } catch (DataAccessException e) {
            throw new StoreUnavailableException("The feedback store is unavailable; retry later.", retryAfter);
        }
    }

    private FeedbackSummary query(Instant since, String service, String rule) {
        List<Object> args = new ArrayList<>();
        String where = cardFilter(since, service, rule, args);
        Map<String, List<FeedbackSummary.ReasonCount>> reasons = reasons(where, args);
        List<FeedbackSummary.RuleSummary> rules = jdbc.query("""
                SELECT r.rule_id, COUNT(DISTINCT r.card_uuid),
                       COUNT(DISTINCT CASE WHEN f.outcome = 'accepted' THEN r.card_uuid END),
                       COUNT(DISTINCT CASE WHEN f.outcome = 'overridden' THEN r.card_uuid END)
                FROM carried_rule r LEFT JOIN feedback f ON f.card_uuid = r.card_uuid AND f.service_id = r.service_id
                """ + where + " GROUP BY r.rule_id ORDER BY r.rule_id", (rs, n) -> {
                    long issued = rs.getLong(2);
                    long overridden = rs.getLong(4);
                    return new FeedbackSummary.RuleSummary(rs.getString(1), issued, rs.getLong(3), overridden,
                            issued == 0 ? 0 : (double) overridden / issued, reasons.getOrDefault(rs.getString(1), List.of()));
                }, args.toArray());
        return new FeedbackSummary(since, service, rule, rules, unmatched(since, service));
    }

    private static String cardFilter(Instant since, String service, String rule, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE r.issued_at >= ?");
        args.add(FeedbackStore.utc(since));
        if (service != null) {
            where.append(" AND r.service_id = ?");
            args.add(service);
        }
        if (rule != null) {
            where.append(" AND r.rule_id = ?");
            args.add(rule);
        }
        return where.toString();
    }

    private Map<String, List<FeedbackSummary.ReasonCount>> reasons(String where, List<Object> args) {
        Map<String, List<FeedbackSummary.ReasonCount>> byRule = new HashMap<>();
        jdbc.query("""
                SELECT r.rule_id, f.reason_system, f.reason_code, MAX(f.reason_display), COUNT(DISTINCT r.card_uuid)
                FROM carried_rule r JOIN feedback f ON f.card_uuid = r.card_uuid AND f.service_id = r.service_id
                """ + where + " AND f.outcome = 'overridden' AND f.reason_code IS NOT NULL"
                + " GROUP BY r.rule_id, f.reason_system, f.reason_code", rs -> {
                    byRule.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new FeedbackSummary.ReasonCount(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                }, args.toArray());
        byRule.replaceAll((rule, list) -> list.stream()
                .sorted(Comparator.comparingLong(FeedbackSummary.ReasonCount::cards).reversed()
                        .thenComparing(FeedbackSummary.ReasonCount::code))
                .limit(topReasons).toList());
        return byRule;
    }

    private FeedbackSummary.Unmatched unmatched(Instant since, String service) {
        List<Object> args = new ArrayList<>(List.of(FeedbackStore.utc(since)));
        String sql = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN outcome = 'overridden' THEN 1 ELSE 0 END), 0) FROM feedback f"
                + " WHERE f.received_at >= ? AND NOT EXISTS (SELECT 1 FROM issued_card c"
                + " WHERE c.card_uuid = f.card_uuid AND c.service_id = f.service_id)";
        if (service != null) {
            sql += " AND f.service_id = ?";
            args.add(service);
        }
        return jdbc.queryForObject(sql, (rs, n) -> new FeedbackSummary.Unmatched(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                args.toArray());
    }
}
