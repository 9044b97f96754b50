package org.allcds.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allcds.facts.CnsClass;
import org.allcds.facts.CnsStatus;
import org.allcds.facts.Diagnosis;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/**
 * I5: CNS status at diagnosis, from the diagnostic work-up ({@link DiagnosticWorkUp}: the LPs from 7 days before the
 * diagnosis to 14 days after it, before any relapse). The worst class of it counts (CNS3 &gt; CNS2 &gt; CNS1): the LPs of
 * induction are expected to clear, and "at diagnosis" is what R-DX-08 and R-DX-09 read. One coded outside the value
 * set is reported, not read: it may be CNS3, so only a CNS3 read beside it stands.
 */
final class CnsMapper {

    private static final Map<Code, CnsClass> VALUES = Map.of(Codes.local("cns1"), CnsClass.CNS1,
            Codes.local("cns2"), CnsClass.CNS2, Codes.local("cns3"), CnsClass.CNS3);

    private static final String VALUE = "Observation.valueCodeableConcept";

    private CnsMapper() {
    }

    /**
     * The CNS status at diagnosis; none without a diagnosis date (there is no work-up to place). Beside a relapse
     * record without any date, a CNS3 cannot be placed before it, and the status is not known.
     */
    static Optional<CnsStatus> map(List<Observation> observations, Optional<Diagnosis> diagnosis,
                                   RelapseMapper.RelapseCut cut, MappingContext ctx) {
        if (diagnosis.isEmpty()) {
            return Optional.empty();
        }
        List<Dated<Observation>> workUp = DiagnosticWorkUp.results(observations, Codes.CNS_STATUS,
                diagnosis.get().date(), cut, ctx);
        List<Observation> recorded = ResultStatus.settled(workUp).stream().map(Dated::resource).toList();
        Resources.reportUnrecognisedValues(recorded, o -> value(o, ctx), ctx);
        List<Dated<Observation>> results = ResultStatus.settled(workUp).stream()
                .filter(d -> value(d.resource(), ctx).isPresent()).toList();
        Optional<CnsStatus> worst = DiagnosticWorkUp.worst(results, o -> value(o, ctx).orElseThrow(), VALUE, ctx)
                .map(d -> new CnsStatus(value(d.resource(), ctx).orElseThrow(), d.date(), d.reference()));
        boolean cns3 = worst.filter(s -> s.value() == CnsClass.CNS3).isPresent();
        boolean unread = recorded.stream().anyMatch(o -> Resources.hasUnrecognisedValue(o, r -> value(r, ctx)));
        // an unread or not yet final result may be CNS3, which a CNS1 must not hide; a CNS3 may be of a relapse without
        // any date
        boolean awaited = !cns3 && ResultStatus.awaited(workUp, ctx);
        return (unread && !cns3) || awaited || (cns3 && cut.undatedRecord()) ? Optional.empty() : worst;
    }

    /** The CNS class the result codes; empty for none, or a code outside the value set. */
    static Optional<CnsClass> value(Observation observation, MappingContext ctx) {
        return observation.getValue() instanceof CodeableConcept concept ? ctx.lookup(concept, VALUES) : Optional.empty();
    }
}
