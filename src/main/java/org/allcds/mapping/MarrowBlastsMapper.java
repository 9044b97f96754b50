package org.allcds.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.MarrowBlasts;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.ValueBound;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/** I9: marrow blasts by morphology in percent, the most recent per timepoint. */
final class MarrowBlastsMapper {

    private MarrowBlastsMapper() {
    }

    static List<MarrowBlasts> map(List<Observation> observations, MappingContext ctx) {
        return Timepoints.mostRecent(observations, Codes.MARROW_BLASTS, ctx).entrySet().stream()
                .flatMap(e -> blasts(e.getKey(), e.getValue(), ctx).stream())
                .toList();
    }

    /**
     * Rules ask of blasts only "at least T?". A lower bound ("&gt; x", "&gt;= x") answers that when x &gt;= T, so it is kept
     * as a bound; an upper bound ("&lt; 30 %" against 25 %) could read as below a threshold it may exceed, so it is
     * reported instead of guessed.
     */
    private static Optional<MarrowBlasts> blasts(MrdTimepoint timepoint, Dated<Observation> dated, MappingContext ctx) {
        Quantity quantity = Resources.quantity(dated.resource()).orElseThrow();
        Optional<ValueBound> bound = Resources.bound(quantity);
        if (bound.isEmpty() || bound.get() == ValueBound.LESS_THAN || bound.get() == ValueBound.AT_MOST) {
            ctx.issue("censored-value", "Observation.valueQuantity.comparator", dated.reference());
            return Optional.empty();
        }
        Optional<BigDecimal> percent = UcumUnits.percent(quantity.getValue(), quantity.getSystem(), quantity.getCode());
        if (percent.isEmpty()) {
            ctx.issue("unit-not-convertible", "Observation.valueQuantity.code", dated.reference());
        }
        return percent.flatMap(value -> ctx.plausible(value, PlausibleRange.PERCENT, "Observation.valueQuantity.value",
                        dated.reference()))
                .map(value -> new MarrowBlasts(timepoint, value, bound.get(), dated.date(), dated.reference()));
    }
}
