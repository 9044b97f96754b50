package org.allcds.mapping;

import java.math.BigDecimal;

/**
 * The values a measurement of one concept can take in a living patient, after unit conversion. Anything outside is a
 * data error (or an attack: 1e999999), never a classification input. Limits are deliberately wide: they catch
 * impossible values, not unusual ones.
 *
 * @param maxFractionDigits more decimals than this carry no clinical meaning (1e-999999 is not a measurement)
 */
record PlausibleRange(BigDecimal min, BigDecimal max, int maxFractionDigits) {

    /** WBC in 10^9/L: the highest counts reported in hyperleukocytic ALL are below 2,000. */
    static final PlausibleRange WBC_PER_10E9_L = new PlausibleRange(BigDecimal.ZERO, new BigDecimal(2000), 30);

    /** A percentage of cells (MRD, marrow blasts). */
    static final PlausibleRange PERCENT = new PlausibleRange(BigDecimal.ZERO, new BigDecimal(100), 30);

    boolean contains(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0
                && (value.scale() <= maxFractionDigits || value.stripTrailingZeros().scale() <= maxFractionDigits);
    }
}
