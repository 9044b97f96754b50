package org.allcds.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.MarrowBlasts;
import org.allcds.facts.Mrd;
import org.allcds.facts.MrdTimepoint;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/**
 * I8 and I9 share the timepoint component and the rule "the most recent result per timepoint wins", unless another
 * result of its time says otherwise ({@link SameTime}).
 */
final class Timepoints {

    private static final Map<Code, MrdTimepoint> TIMEPOINTS = Codes.localTable(MrdTimepoint.values(),
            MrdTimepoint::code);

    private Timepoints() {
    }

    /** The most recent result with a number for each timepoint, in timepoint order; results without a timepoint are not placed. */
    static Map<MrdTimepoint, Dated<Observation>> mostRecent(List<Observation> observations, Collection<Code> code,
                                                            MappingContext ctx) {
        Map<MrdTimepoint, Dated<Observation>> latest = new EnumMap<>(MrdTimepoint.class);
        byTimepoint(observations, code, ctx).forEach((timepoint, results) -> SameTime.latest(results,
                o -> UcumUnits.asRead(Resources.quantity(o).orElseThrow(), UcumUnits::percent), "Observation.valueQuantity", ctx)
                .ifPresent(result -> latest.put(timepoint, result)));
        return latest;
    }

    /**
     * The results with a number, by timepoint, in timepoint order; results without a timepoint are not placed, and
     * those whose timepoint is coded outside the value set are reported.
     */
    static Map<MrdTimepoint, List<Dated<Observation>>> byTimepoint(List<Observation> observations, Collection<Code> code,
                                                                   MappingContext ctx) {
        Map<MrdTimepoint, List<Dated<Observation>>> byTimepoint = new EnumMap<>(MrdTimepoint.class);
        for (Observation observation : Resources.withCode(observations, code, ctx)) {
            Optional<MrdTimepoint> timepoint = timepoint(observation, ctx);
            if (timepoint.isPresent() && Resources.quantity(observation).isPresent()) {
                byTimepoint.computeIfAbsent(timepoint.get(), t -> new ArrayList<>()).add(Resources.dated(observation, ctx));
            } else if (Resources.quantity(observation).isPresent()
                    && Resources.hasCodedComponent(observation, Codes.TIMEPOINT, ctx)) {
                // a result the record holds at a timepoint coded outside the value set ("day-29"): named, not placed
                ctx.issue(Resources.NOT_RECOGNISED, "Observation.component:timepoint", MappingContext.reference(observation));
            }
        }
        return byTimepoint;
    }

    /**
     * An end-of-block-1 result belongs to the relapse being classified only if it was taken after that relapse: one
     * dated on or before it (a previous relapse's, or a wrong date) would stratify this relapse by another response,
     * and so would one without a date (FHIR's {@code effective[x]} is optional), which cannot be placed after it.
     */
    static <T extends ClinicalInput> List<T> followingRelapse(List<T> results, Optional<LocalDate> relapseDate) {
        return results.stream().filter(r -> relapseDate.isEmpty() || !isBlock1(r)
                || r.date() != null && r.date().isAfter(relapseDate.get())).toList();
    }

    private static boolean isBlock1(ClinicalInput result) {
        return result instanceof Mrd m && m.timepoint() == MrdTimepoint.RELAPSE_END_BLOCK1
                || result instanceof MarrowBlasts b && b.timepoint() == MrdTimepoint.RELAPSE_END_BLOCK1;
    }

    static Optional<MrdTimepoint> timepoint(Observation observation, MappingContext ctx) {
        return Resources.component(observation, Codes.TIMEPOINT, ctx)
                .filter(c -> c.getValue() instanceof CodeableConcept)
                .flatMap(c -> ctx.lookup(c.getValueCodeableConcept(), TIMEPOINTS));
    }
}
