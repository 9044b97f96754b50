package org.allcds.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.TesticularInvolvement;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Observation;

/**
 * I6: testicular involvement at diagnosis, from the results before any relapse. Involvement counts whenever it was
 * recorded then; one contradicted by a result of its time leaves it unknown; without it, the most recent result wins.
 */
final class TesticularMapper {

    private static final String VALUE = "Observation.valueBoolean";

    private TesticularMapper() {
    }

    /** Involvement at diagnosis, from the results dated before {@code relapseFrom} and those without a date. */
    static Optional<TesticularInvolvement> map(List<Observation> observations, Optional<LocalDate> relapseFrom,
                                               MappingContext ctx) {
        List<Dated<Observation>> results = Resources.withCode(observations, Codes.TESTICULAR, ctx).stream()
                .filter(o -> o.getValue() instanceof BooleanType b && b.hasValue())
                .map(o -> Resources.dated(o, ctx))
                .filter(d -> Dated.before(d, relapseFrom))
                .toList();
        // involvement at diagnosis makes the group at least high (R-DX-08); a testis clear after induction does not undo it
        SameTime.Saying<Observation> involvement = SameTime.saying(results, TesticularMapper::involved,
                TesticularMapper::involved, VALUE, ctx);
        return (involvement.said() ? involvement.earliest() : SameTime.latest(results, TesticularMapper::involved, VALUE, ctx))
                .map(d -> new TesticularInvolvement(involved(d.resource()), d.date(), d.reference()));
    }

    private static boolean involved(Observation observation) {
        return ((BooleanType) observation.getValue()).booleanValue();
    }
}
