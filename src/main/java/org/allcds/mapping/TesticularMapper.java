package org.allcds.mapping;

import java.util.List;
import java.util.Optional;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.TesticularInvolvement;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Observation;

/**
 * I6: testicular involvement at diagnosis, from the diagnostic work-up ({@link DiagnosticWorkUp}, as the CNS status):
 * involvement counts if any result of it says so; a testis clear after induction does not undo it, and one found
 * later is another time point.
 */
final class TesticularMapper {

    private static final String VALUE = "Observation.valueBoolean";

    private TesticularMapper() {
    }

    /**
     * Involvement at diagnosis; none without a diagnosis date. Beside a relapse record without any date, involvement
     * cannot be placed before it, and is not known.
     */
    static Optional<TesticularInvolvement> map(List<Observation> observations, Optional<Diagnosis> diagnosis,
                                               RelapseMapper.RelapseCut cut, MappingContext ctx) {
        if (diagnosis.isEmpty()) {
            return Optional.empty();
        }
        List<Dated<Observation>> workUp = DiagnosticWorkUp.results(observations, Codes.TESTICULAR,
                diagnosis.get().date(), cut, ctx).stream()
                .filter(d -> d.resource().getValue() instanceof BooleanType b && b.hasValue())
                .toList();
        Optional<TesticularInvolvement> worst = DiagnosticWorkUp.worst(ResultStatus.settled(workUp),
                TesticularMapper::involved, VALUE, ctx).map(TesticularMapper::fact);
        boolean present = worst.filter(TesticularInvolvement::present).isPresent();
        // a result not yet final may show involvement, which a "none" must not hide
        boolean awaited = !present && ResultStatus.awaited(workUp, ctx);
        return awaited || (present && cut.undatedRecord()) ? Optional.empty() : worst;
    }

    private static TesticularInvolvement fact(Dated<Observation> result) {
        return new TesticularInvolvement(involved(result.resource()), result.date(), result.reference());
    }

    /** True for a result that says the testes are involved. */
    static boolean involved(Observation observation) {
        return observation.getValue() instanceof BooleanType b && b.hasValue() && b.booleanValue();
    }
}
