package org.allcds.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.Mrd;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.Relapse;
import org.allcds.facts.ValueBound;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/** I8: MRD in percent, the most recent per timepoint; "&lt; x" and "&gt; x" stay bounds so that C-06 can be applied (E3). */
final class MrdMapper {

    private MrdMapper() {
    }

    /** The MRD per timepoint; end-of-block-1 only from results after {@code relapse}, the relapse classified. */
    static List<Mrd> map(List<Observation> observations, Optional<Relapse> relapse, MappingContext ctx) {
        return Timepoints.mostRecent(observations, Codes.MRD, relapse, ctx).entrySet().stream()
                .flatMap(e -> mrd(e.getKey(), e.getValue(), ctx).stream())
                .toList();
    }

    /** The most recent result decides its timepoint: an unreadable one is reported, not replaced by an older one. */
    private static Optional<Mrd> mrd(MrdTimepoint timepoint, Dated<Observation> dated, MappingContext ctx) {
        Quantity quantity = Resources.quantity(dated.resource()).orElseThrow();
        Optional<ValueBound> bound = Resources.bound(quantity);
        if (bound.isEmpty()) {
            ctx.issue("censored-value", "Observation.valueQuantity.comparator", dated.reference());
            return Optional.empty();
        }
        Optional<BigDecimal> percent = UcumUnits.percent(quantity.getValue(), quantity.getSystem(), quantity.getCode());
        if (percent.isEmpty()) {
            ctx.issue("unit-not-convertible", "Observation.valueQuantity.code", dated.reference());
        }
        return percent.flatMap(value -> ctx.plausible(value, PlausibleRange.PERCENT, "Observation.valueQuantity.value",
                        dated.reference()))
                .map(value -> new Mrd(timepoint, value, bound.get(), dated.date(),
                        dated.reference()));
    }
}
