package org.allcds.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.MarrowBlasts;
import org.allcds.facts.MrdTimepoint;
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
     * MarrowBlasts has no censored flag, so "&lt; x" cannot be compared safely ("&lt; 5%" would read as at least 5%): it is
     * reported instead of guessed.
     */
    private static Optional<MarrowBlasts> blasts(MrdTimepoint timepoint, Dated<Observation> dated, MappingContext ctx) {
        Quantity quantity = Resources.quantity(dated.resource()).orElseThrow();
        if (Resources.isUpperBound(quantity)) {
            ctx.issue("censored-value", "Observation.valueQuantity.comparator", dated.reference());
            return Optional.empty();
        }
        Optional<BigDecimal> percent = UcumUnits.percent(quantity.getValue(), quantity.getSystem(), quantity.getCode());
        if (percent.isEmpty()) {
            ctx.issue("unit-not-convertible", "Observation.valueQuantity.code", dated.reference());
        }
        return percent.flatMap(value -> ctx.plausible(value, PlausibleRange.PERCENT, "Observation.valueQuantity.value",
                        dated.reference()))
                .map(value -> new MarrowBlasts(timepoint, value, dated.date(), dated.reference()));
    }
}
