package org.allcds.scenario;

import java.util.List;
import java.util.stream.Collectors;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.facts.DraftOrder;
import org.allcds.facts.Finding;

/**
 * A finding a scenario expects. {@code candidates}, {@code missing} and {@code order} (the reference of the draft order
 * the finding is about, for order-sign services) are compared only when the scenario gives them (null = not checked).
 * {@code summary}, the words the card shows, is checked apart ({@link #summaryMismatch}): a finding produced with other
 * words is reported as such, not as missing beside an unexpected one.
 */
public record ExpectedFinding(String type, String scheme, String value, List<String> candidates, List<String> missing,
                              String order, String summary) {

    boolean matches(ExplainedFinding explained) {
        Finding f = explained.finding();
        return type.equals(f.type()) && java.util.Objects.equals(scheme, f.scheme()) && value.equals(f.value())
                && (candidates == null || sameItems(candidates, f.candidates()))
                && (missing == null || sameItems(missing, f.missing()))
                && (order == null || order.equals(orderOf(explained)));
    }

    /**
     * The expected and actual summaries when the finding is produced but none of its productions has the expected words;
     * null when the summary is not checked, the words match, or the finding is not produced (reported as such).
     */
    String summaryMismatch(List<ExplainedFinding> actual) {
        List<String> given = actual.stream().filter(this::matches).map(a -> a.finding().summary()).toList();
        if (summary == null || given.isEmpty() || given.contains(summary)) {
            return null;
        }
        return "  ~ summary differs: " + describe() + "\n      expected: " + quoted(summary)
                + given.stream().map(s -> "\n      actual:   " + quoted(s)).collect(Collectors.joining());
    }

    private static String quoted(String summary) {
        return summary == null ? "(none: the finding has no summary)" : '"' + summary + '"';
    }

    /** Candidates and missing inputs are sets (data contract §4): a scenario may list them in any order. */
    private static boolean sameItems(List<String> expected, List<String> actual) {
        return expected.stream().sorted().toList().equals(actual.stream().sorted().toList());
    }

    /** The draft order a finding is about, or null (also for a draft order without a usable id). */
    static String orderOf(ExplainedFinding explained) {
        return explained.inputs().stream().filter(DraftOrder.class::isInstance).map(i -> ((DraftOrder) i).reference())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    static String describe(ExplainedFinding explained) {
        Finding f = explained.finding();
        return describe(f.type(), f.scheme(), f.value(), f.candidates(), f.missing(), orderOf(explained));
    }

    String describe() {
        return describe(type, scheme, value, candidates, missing, order);
    }

    private static String describe(String type, String scheme, String value, List<String> candidates, List<String> missing,
                                   String order) {
        StringBuilder s = new StringBuilder(type).append(' ').append(scheme == null ? "-" : scheme).append(' ').append(value);
        if (candidates != null && !candidates.isEmpty()) {
            s.append(" candidates=").append(candidates);
        }
        if (missing != null && !missing.isEmpty()) {
            s.append(" missing=").append(missing);
        }
        if (order != null) {
            s.append(" order=").append(order);
        }
        return s.toString();
    }
}
