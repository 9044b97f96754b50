package org.allcds.facts;

import java.math.BigDecimal;

/**
 * How a lab reported a measured value: exactly, or only as a bound (FHIR {@code Quantity.comparator} {@code <},
 * {@code <=}, {@code >}, {@code >=}). A bound decides a threshold only when every value it allows falls on one side
 * (clinical-rules C-06, applied to both directions): {@code < 0.05} cannot say whether MRD is below 0.01 %, and
 * {@code > 0.005} cannot say whether it is at least 0.01 %.
 */
public enum ValueBound {
    EXACT(""), LESS_THAN("< "), AT_MOST("<= "), MORE_THAN("> "), AT_LEAST(">= ");

    private final String prefix;

    ValueBound(String prefix) {
        this.prefix = prefix;
    }

    /** How a card shows the value, e.g. {@code < 0.01}. */
    public String show(BigDecimal value) {
        return prefix + value.toPlainString();
    }

    /** {@code value}, reported with this bound, against an inclusive {@code threshold} (C-07). */
    public Comparison against(BigDecimal value, BigDecimal threshold) {
        int c = value.compareTo(threshold);
        return switch (this) {
            case EXACT -> c < 0 ? Comparison.BELOW : Comparison.AT_OR_ABOVE;
            case LESS_THAN -> c <= 0 ? Comparison.BELOW : Comparison.INDETERMINATE;
            case AT_MOST -> c < 0 ? Comparison.BELOW : Comparison.INDETERMINATE;
            case MORE_THAN, AT_LEAST -> c >= 0 ? Comparison.AT_OR_ABOVE : Comparison.INDETERMINATE;
        };
    }
}
