package org.allcds.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.allcds.facts.Hsct;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;

/** I12: allogeneic HSCT, dated by performedDateTime or performedPeriod.start. */
final class HsctMapper {

    /** A transplant only planned has not happened. */
    private static final Set<ProcedureStatus> NOT_PERFORMED = Set.of(ProcedureStatus.PREPARATION);

    private HsctMapper() {
    }

    /** Every dated transplant, oldest first; an undated one is reported, since it cannot be placed before or after a relapse. */
    static List<Dated<Procedure>> transplants(List<Procedure> procedures, MappingContext ctx) {
        return procedures.stream()
                .filter(p -> p.getStatus() == null || !NOT_PERFORMED.contains(p.getStatus()))
                .filter(p -> ctx.matches(p.getCode(), Codes.ALLOGENEIC_HSCT))
                .map(p -> Dated.of(p, Resources.performed(p), "Procedure.performed[x]", ctx))
                .filter(d -> {
                    if (d.date() == null && !ClinicalDates.isImprecise(Resources.performed(d.resource()))) {
                        ctx.issue("missing-date", "Procedure.performed[x]", d.reference());
                    }
                    return d.date() != null;
                })
                .sorted(Dated.chronological())
                .toList();
    }

    /** The latest transplant on or before the evaluation date. */
    static Optional<Hsct> latest(List<Dated<Procedure>> transplants, LocalDate evaluationDate) {
        return transplants.stream()
                .filter(d -> !d.date().isAfter(evaluationDate))
                .max(Dated.chronological())
                .map(d -> new Hsct(d.date(), d.reference()));
    }
}
