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
        return Resources.withCode(observations, Codes.TESTICULAR, ctx).stream()
                .filter(o -> o.getValue() instanceof BooleanType b && b.hasValue())
                .map(o -> Resources.dated(o, ctx))
                .max(Dated.chronological())
                .map(d -> new TesticularInvolvement(((BooleanType) d.resource().getValue()).booleanValue(), d.date(),
                        d.reference()));
    }
}
