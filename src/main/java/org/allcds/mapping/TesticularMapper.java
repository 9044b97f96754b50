package org.allcds.mapping;

import java.util.List;
import java.util.Optional;
import org.allcds.facts.TesticularInvolvement;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Observation;

/**
 * I6: testicular involvement at diagnosis, from the results before any relapse. Involvement counts whenever it was
 * recorded then; one contradicted by a result of its time leaves it unknown; without it, the most recent result wins,
 * and a result not yet final (preliminary), which may show involvement, leaves it unknown.
 */
final class TesticularMapper {

    private static final String VALUE = "Observation.valueBoolean";

    private TesticularMapper() {
    }

    /**
     * Involvement at diagnosis, from the results that may come before the first relapse ({@code cut}); beside a relapse
     * record without any date, involvement cannot be placed before it, and is not known.
     */
    static Optional<TesticularInvolvement> map(List<Observation> observations, RelapseMapper.RelapseCut cut,
                                               MappingContext ctx) {
        List<Dated<Observation>> all = Resources.withCode(observations, Codes.TESTICULAR, ctx).stream()
                .filter(o -> o.getValue() instanceof BooleanType b && b.hasValue())
                .map(o -> Resources.dated(o, ctx))
                .filter(cut::mayBeBefore)
                .toList();
        List<Dated<Observation>> results = ResultStatus.settled(all);
        // involvement at diagnosis makes the group at least high (R-DX-08); a testis clear after induction does not undo it
        SameTime.Saying<Observation> involvement = SameTime.saying(results, TesticularMapper::involved,
                TesticularMapper::involved, VALUE, ctx);
        if (involvement.said()) {
            return cut.undatedRecord() ? Optional.empty() : involvement.earliest().map(TesticularMapper::fact);
        }
        if (ResultStatus.awaited(all, ctx)) {
            return Optional.empty(); // a result not yet final may show involvement, which an older "none" must not hide
        }
        return SameTime.latest(results, TesticularMapper::involved, VALUE, ctx).map(TesticularMapper::fact);
    }

    private static TesticularInvolvement fact(Dated<Observation> result) {
        return new TesticularInvolvement(involved(result.resource()), result.date(), result.reference());
    }

    private static boolean involved(Observation observation) {
        return ((BooleanType) observation.getValue()).booleanValue();
    }
}
