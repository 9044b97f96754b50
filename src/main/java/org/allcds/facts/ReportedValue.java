package org.allcds.facts;

import java.math.BigDecimal;

/**
 * A measured result as the lab reported it: a value, exactly or only as a bound ({@code bound}: "&lt; 0.01", "&gt; 100"),
 * or exact values of one time that disagree, from the reported value to {@link #highest()}. A bound or such a span decides
 * a threshold only when every value it allows falls on one side (clinical-rules C-06); thresholds are inclusive (C-07).
 */
public interface ReportedValue {

    /** The value, in the input's normalised unit. */
    BigDecimal reportedValue();

    ValueBound bound();

    /** The highest of exact values of one time that disagree (the reported value is then the lowest); else null. */
    default BigDecimal highest() { return null; }

    /** Values that disagree decide a threshold only when the lowest and the highest are on one side of it. */
    default Comparison against(BigDecimal threshold) {
        if (highest() == null) {
            return bound().against(reportedValue(), threshold);
        }
        Comparison lowest = ValueBound.EXACT.against(reportedValue(), threshold);
        return lowest == ValueBound.EXACT.against(highest(), threshold) ? lowest : Comparison.INDETERMINATE;
    }

    /** The value as a card shows it, without its unit: "&lt; 0.01", or for values that disagree "3 to 10". */
    default String shownValue() {
        return highest() == null ? bound().show(reportedValue())
                : reportedValue().toPlainString() + " to " + highest().toPlainString();
    }

    default boolean below(BigDecimal threshold) { return against(threshold) == Comparison.BELOW; }

    /** Known to be at least the threshold: an exact value, or a lower bound at or above it. */
    default boolean atLeast(BigDecimal threshold) { return against(threshold) == Comparison.AT_OR_ABOVE; }

    /** A bound across the threshold ("&gt; 4" or "&lt; 10" against 5): it may be either side. */
    default boolean undecidable(BigDecimal threshold) { return against(threshold) == Comparison.INDETERMINATE; }
}
