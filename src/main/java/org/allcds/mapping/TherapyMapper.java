package org.allcds.mapping;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.allcds.facts.FrontlineTherapy;
import org.allcds.facts.TherapyStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;

/** I11: front-line therapy, completed (with its end = EOT, C-04) or in progress; the most recent record wins. */
final class TherapyMapper {

    private static final Set<ProcedureStatus> READ = Set.of(ProcedureStatus.COMPLETED, ProcedureStatus.INPROGRESS);

    private TherapyMapper() {
    }

    static Optional<FrontlineTherapy> map(List<Procedure> procedures, MappingContext ctx) {
        List<Dated<Procedure>> results = procedures.stream()
                .filter(p -> p.getStatus() != null && READ.contains(p.getStatus()))
                .filter(p -> ctx.matches(p.getCode(), Codes.FRONTLINE_THERAPY))
                .map(p -> Dated.of(p, Resources.performed(p), "Procedure.performed[x]", ctx))
                .toList();
        return SameTime.latest(results, TherapyMapper::statusAndEnd, "Procedure.status", ctx)
                .flatMap(d -> therapy(d, ctx));
    }

    /** Two records of one therapy that disagree on whether or when it ended are rivals. */
    private static String statusAndEnd(Procedure procedure) {
        Period period = procedure.getPerformed() instanceof Period p ? p : new Period();
        return procedure.getStatus() + " " + period.getEndElement().getValueAsString();
    }

    /** An in-progress therapy is on therapy whatever end date it carries (E7); a completed one needs its end. */
    private static Optional<FrontlineTherapy> therapy(Dated<Procedure> dated, MappingContext ctx) {
        Procedure procedure = dated.resource();
        if (procedure.getStatus() == ProcedureStatus.INPROGRESS) {
            return Optional.of(new FrontlineTherapy(TherapyStatus.IN_PROGRESS, null, dated.reference()));
        }
        Period period = procedure.getPerformed() instanceof Period p ? p : new Period();
        String element = "Procedure.performedPeriod.end";
        Optional<FrontlineTherapy> completed = ctx.date(period.getEndElement(), element, dated.reference())
                .map(end -> new FrontlineTherapy(TherapyStatus.COMPLETED, end, dated.reference()));
        if (completed.isEmpty() && !ClinicalDates.isImprecise(period.getEndElement())) {
            ctx.issue("missing-date", element, dated.reference());
        }
        return completed;
    }
}
