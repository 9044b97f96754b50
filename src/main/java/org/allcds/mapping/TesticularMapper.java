package org.allcds.mapping;

import java.util.List;
import java.util.Optional;
import org.allcds.facts.TesticularInvolvement;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Observation;

/** I6: testicular involvement at diagnosis; the most recent result wins. */
final class TesticularMapper {

    private TesticularMapper() {
    }

    static Optional<TesticularInvolvement> map(List<Observation> observations, MappingContext ctx) {
        List<Dated<Observation>> results = Resources.withCode(observations, Codes.TESTICULAR, ctx).stream()
                .filter(o -> o.getValue() instanceof BooleanType b && b.hasValue())
                .map(o -> Resources.dated(o, ctx))
                .toList();
        return SameTime.latest(results, TesticularMapper::involved, "Observation.valueBoolean", ctx)
                .map(d -> new TesticularInvolvement(involved(d.resource()), d.date(), d.reference()));
    }

    private static boolean involved(Observation observation) {
        return ((BooleanType) observation.getValue()).booleanValue();
    }
}
