package org.allcds.feedback;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Per rule id: cards issued carrying the rule, how many of them clinicians accepted and overrode (distinct cards;
 * a card reported twice counts once), the override rate (overridden / issued) and the most given override reasons.
 * Feedback on cards this store never recorded is counted apart as {@code unmatched}.
 */
public record FeedbackSummary(Instant since, String service, String rule, List<RuleSummary> rules, Unmatched unmatched) {

    public record RuleSummary(String ruleId, long cardsIssued, long accepted, long overridden, double overrideRate,
                              List<ReasonCount> topOverrideReasons) {
    }

    public record ReasonCount(String system, String code, String display, long cards) {
    }

    /** Feedback entries (not cards) whose card uuid was never recorded, by outcome. */
    public record Unmatched(long entries, long accepted, long overridden) {
    }

    static final String CSV_HEADER = "rule_id,cards_issued,accepted,overridden,override_rate,top_override_reasons";

    /** One line per rule, then one line for unmatched feedback; reasons as {@code code (cards)} separated by "; ". */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        for (RuleSummary r : rules) {
            csv.append(csvField(r.ruleId())).append(',').append(r.cardsIssued()).append(',').append(r.accepted()).append(',')
                    .append(r.overridden()).append(',').append(String.format(java.util.Locale.ROOT, "%.4f", r.overrideRate()))
                    .append(',').append(csvField(r.topOverrideReasons().stream().map(c -> c.code() + " (" + c.cards() + ")")
                            .collect(Collectors.joining("; ")))).append("\r\n");
        }
        csv.append("(unmatched feedback),,").append(unmatched.accepted()).append(',').append(unmatched.overridden())
                .append(",,\r\n");
        return csv.toString();
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so that a spreadsheet shows text, not a formula. */
    static String csvField(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.matches(".*[\",\r\n].*") || v.startsWith("'") ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
