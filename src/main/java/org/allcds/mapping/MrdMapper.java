package org.allcds.mapping;

import java.util.List;
import java.util.Optional;
import org.allcds.facts.Mrd;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.Relapse;
import org.hl7.fhir.r4.model.Observation;

/** I8: MRD in percent, the most recent per timepoint; "&lt; x" and "&gt; x" stay bounds so that C-06 can be applied (E3). */
final class MrdMapper {

    private MrdMapper() {
    }

    /** The MRD per timepoint; end-of-block-1 only from results after {@code relapse}, the relapse classified. */
    static List<Mrd> map(List<Observation> observations, Optional<Relapse> relapse, MappingContext ctx) {
        return map(observations, relapse, Timepoints.FrontLine.ANY, ctx);
    }

    /** As above, day-8 and end-of-induction only from results within {@code frontLine}. */
    static List<Mrd> map(List<Observation> observations, Optional<Relapse> relapse, Timepoints.FrontLine frontLine,
                         MappingContext ctx) {
        return Timepoints.mostRecent(observations, Codes.MRD, relapse, frontLine, ctx).entrySet().stream()
                .flatMap(e -> Timepoints.readingAt(e.getKey(), ctx, () -> mrd(e.getKey(), e.getValue(), ctx)).stream())
                .toList();
    }

    /** The most recent result decides its timepoint: an unreadable one is reported, not replaced by an older one. */
    private static Optional<Mrd> mrd(MrdTimepoint timepoint, Dated<Observation> dated, MappingContext ctx) {
        return Resources.boundedValue(dated, UcumUnits::percent, PlausibleRange.PERCENT, ctx)
                .map(v -> new Mrd(timepoint, v.value(), v.bound(), dated.date(), dated.reference()));
    }
}
