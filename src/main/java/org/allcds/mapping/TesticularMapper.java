package org.allcds.mapping;

import java.util.List;
import java.util.Optional;
import org.allcds.facts.TesticularInvolvement;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Observation;

/**
 * I6: testicular involvement at diagnosis. Involvement counts whenever it was recorded, unless a result of its time says
 * otherwise; without it, the most recent result wins.
 */
final class TesticularMapper {

    private TesticularMapper() {
    }

    static Optional<TesticularInvolvement> map(List<Observation> observations, MappingContext ctx) {
        List<Dated<Observation>> results = Resources.withCode(observations, Codes.TESTICULAR, ctx).stream()
                .filter(o -> o.getValue() instanceof BooleanType b && b.hasValue())
                .map(o -> Resources.dated(o, ctx))
                .toList();
        // involvement at diagnosis makes the group at least high (R-DX-08); a testis clear after induction does not undo it
        return SameTime.earliestSaying(results, TesticularMapper::involved, TesticularMapper::involved)
                .or(() -> SameTime.latest(results, TesticularMapper::involved, "Observation.valueBoolean", ctx))
                .map(d -> new TesticularInvolvement(involved(d.resource()), d.date(), d.reference()));
    }

    private static boolean involved(Observation observation) {
        return ((BooleanType) observation.getValue()).booleanValue();
    }
}
