package org.allcds.facts;

import java.math.BigDecimal;

/**
 * A measured result as the lab reported it: a value, exactly or only as a bound ({@code bound}: "&lt; 0.01", "&gt; 100").
 * A bound decides a threshold only when every value it allows falls on one side (clinical-rules C-06); thresholds are
 * inclusive (C-07).
 */
public interface ReportedValue {

    /** The value, in the input's normalised unit. */
    BigDecimal reportedValue();

    ValueBound bound();

    default Comparison against(BigDecimal threshold) { return bound().against(reportedValue(), threshold); }

    default boolean below(BigDecimal threshold) { return against(threshold) == Comparison.BELOW; }

    /** Known to be at least the threshold: an exact value, or a lower bound at or above it. */
    default boolean atLeast(BigDecimal threshold) { return against(threshold) == Comparison.AT_OR_ABOVE; }

    /** A bound across the threshold ("&gt; 4" or "&lt; 10" against 5): it may be either side. */
    default boolean undecidable(BigDecimal threshold) { return against(threshold) == Comparison.INDETERMINATE; }
}
