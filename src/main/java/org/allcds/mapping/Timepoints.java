package org.allcds.mapping;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allcds.facts.MrdTimepoint;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/** I8 and I9 share the timepoint component and the rule "the most recent result per timepoint wins". */
final class Timepoints {

    private static final Map<Code, MrdTimepoint> TIMEPOINTS = Codes.localTable(MrdTimepoint.values(),
            MrdTimepoint::code);

    private Timepoints() {
    }

    /** The most recent result with a number for each timepoint, in timepoint order; results without a timepoint are not placed. */
    static Map<MrdTimepoint, Dated<Observation>> mostRecent(List<Observation> observations, Collection<Code> code,
                                                            MappingContext ctx) {
        Map<MrdTimepoint, Dated<Observation>> latest = new EnumMap<>(MrdTimepoint.class);
        for (Observation observation : Resources.withCode(observations, code, ctx)) {
            Optional<MrdTimepoint> timepoint = timepoint(observation, ctx);
            if (timepoint.isEmpty() || Resources.quantity(observation).isEmpty()) {
                continue;
            }
            Dated<Observation> dated = Resources.dated(observation, ctx);
            latest.merge(timepoint.get(), dated, (a, b) -> Dated.<Observation>chronological().compare(a, b) >= 0 ? a : b);
        }
        return latest;
    }

    private static Optional<MrdTimepoint> timepoint(Observation observation, MappingContext ctx) {
        return Resources.component(observation, Codes.TIMEPOINT, ctx)
                .filter(c -> c.getValue() instanceof CodeableConcept)
                .flatMap(c -> ctx.lookup(c.getValueCodeableConcept(), TIMEPOINTS));
    }
}
