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
 * later is another time point. A result whose value is not a boolean (a code, a text) is reported, not read: it may
 * say involved, so only involvement read beside it stands, as for a CNS status in a code not recognised.
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
                diagnosis.get().date(), cut, ctx).stream().filter(d -> Resources.hasValue(d.resource())).toList();
        List<Dated<Observation>> settled = ResultStatus.settled(workUp);
        List<Observation> recorded = settled.stream().map(Dated::resource).toList();
        Resources.reportUnrecognisedValues(recorded, TesticularMapper::value, ctx);
        List<Dated<Observation>> results = settled.stream().filter(d -> value(d.resource()).isPresent()).toList();
        Optional<TesticularInvolvement> worst = DiagnosticWorkUp.worst(results, TesticularMapper::involved, VALUE, ctx)
                .map(TesticularMapper::fact);
        boolean present = worst.filter(TesticularInvolvement::present).isPresent();
        // a result not read (a code, a text: R-DX-08) or not yet final may show involvement, which a "none" must not hide
        boolean unread = recorded.stream().anyMatch(o -> Resources.hasUnrecognisedValue(o, TesticularMapper::value));
        boolean awaited = !present && ResultStatus.awaited(workUp, ctx);
        return (unread && !present) || awaited || (present && cut.undatedRecord()) ? Optional.empty() : worst;
    }

    /** What the result says: involved or not; empty for a value that is not a boolean, or none. */
    static Optional<Boolean> value(Observation observation) {
        return observation.getValue() instanceof BooleanType b && b.hasValue() ? Optional.of(b.booleanValue())
                : Optional.empty();
    }

    private static TesticularInvolvement fact(Dated<Observation> result) {
        return new TesticularInvolvement(involved(result.resource()), result.date(), result.reference());
    }

    /** True for a result that says the testes are involved. */
    static boolean involved(Observation observation) {
        return value(observation).orElse(false);
    }
}
