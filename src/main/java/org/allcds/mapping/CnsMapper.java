package org.allcds.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allcds.facts.CnsClass;
import org.allcds.facts.CnsStatus;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/**
 * I5: CNS status at diagnosis, from the results before any relapse. A CNS3 counts whenever it was recorded then: the
 * LPs of induction are expected to clear, and "at diagnosis" is what R-DX-08 reads; one contradicted by a result of its
 * time leaves the status unknown. Otherwise the most recent result wins, unless one of its time says otherwise. One
 * coded outside the value set is reported, not read; if it is the most recent, there is no CNS status. A result not yet
 * final (preliminary) may be CNS3: beside it, only a final CNS3 decides.
 */
final class CnsMapper {

    private static final Map<Code, CnsClass> VALUES = Map.of(Codes.local("cns1"), CnsClass.CNS1,
            Codes.local("cns2"), CnsClass.CNS2, Codes.local("cns3"), CnsClass.CNS3);

    private static final String VALUE = "Observation.valueCodeableConcept";

    private CnsMapper() {
    }

    /**
     * The CNS status at diagnosis, from the results that may come before the first relapse ({@code cut}: a CNS3 at a
     * CNS relapse is that relapse's, not the diagnosis's). Beside a relapse record without any date, a CNS3 cannot be
     * placed before it, and the status is not known.
     */
    static Optional<CnsStatus> map(List<Observation> observations, RelapseMapper.RelapseCut cut, MappingContext ctx) {
        List<Dated<Observation>> all = Resources.withCode(observations, Codes.CNS_STATUS, ctx).stream()
                .map(o -> Resources.dated(o, ctx)).filter(cut::mayBeBefore).toList();
        List<Dated<Observation>> beforeRelapse = ResultStatus.settled(all);
        List<Observation> recorded = beforeRelapse.stream().map(Dated::resource).toList();
        Resources.reportUnrecognisedValues(recorded, o -> value(o, ctx), ctx);
        List<Dated<Observation>> results = beforeRelapse.stream().filter(d -> value(d.resource(), ctx).isPresent()).toList();
        SameTime.Saying<Observation> cns3 = SameTime.saying(results,
                o -> value(o, ctx).orElseThrow() == CnsClass.CNS3, o -> value(o, ctx), VALUE, ctx);
        if (cns3.said()) {
            // CNS3 at diagnosis makes the group at least high (R-DX-08); the LPs of induction, clear, do not undo it
            return cut.undatedRecord() ? Optional.empty()
                    : cns3.earliest().map(d -> new CnsStatus(CnsClass.CNS3, d.date(), d.reference()));
        }
        if (ResultStatus.awaited(withValue(all), ctx)) {
            // a result not yet final may be CNS3, which an older CNS1 must not hide
            return Optional.empty();
        }
        if (Resources.latestIsUnrecognised(recorded, o -> value(o, ctx), ctx)) {
            // the latest CNS status may be CNS3, which an older CNS1 must not hide
            return Optional.empty();
        }
        return SameTime.latest(results, o -> value(o, ctx), VALUE, ctx)
                .map(d -> new CnsStatus(value(d.resource(), ctx).orElseThrow(), d.date(), d.reference()));
    }

    private static List<Dated<Observation>> withValue(List<Dated<Observation>> results) {
        return results.stream().filter(d -> Resources.hasValue(d.resource())).toList();
    }

    private static Optional<CnsClass> value(Observation observation, MappingContext ctx) {
        return observation.getValue() instanceof CodeableConcept concept ? ctx.lookup(concept, VALUES) : Optional.empty();
    }
}
