package org.allcds.mapping;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.allcds.facts.FrontlineTherapy;
import org.allcds.facts.TherapyStatus;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;

/**
 * I11: front-line therapy, completed (with its end = EOT, C-04) or in progress. A relapse is on therapy when any
 * front-line record is in progress at its date or its period runs past it: a shorter phase completed before it does not
 * end the therapy. Otherwise the most recent record wins, whatever its status: a maintenance phase stopped at the
 * relapse is the latest word on the therapy, and an older completed phase must not lend it its end; a completed most
 * recent record ends the therapy with the completed record that ends last (a phase inside a longer record does not end
 * it). A record begun after the relapse is not the therapy before it. A latest record neither
 * completed nor in progress (stopped, on hold) gives no therapy fact, so BFM timing waits for the end of therapy; so does
 * a record whose end cannot be right (before the diagnosis, or in progress but ended before the relapse).
 */
final class TherapyMapper {

    /** Records of therapy that never ran: planned, or not done (void ones are gone before mapping, D5). */
    private static final Set<ProcedureStatus> NOT_GIVEN = Set.of(ProcedureStatus.PREPARATION, ProcedureStatus.NOTDONE);
    private static final String END = "Procedure.performedPeriod.end";

    private TherapyMapper() {
    }

    /** The therapy as the records give it, without a diagnosis or relapse date to read them against. */
    static Optional<FrontlineTherapy> map(List<Procedure> procedures, MappingContext ctx) {
        return map(procedures, Optional.empty(), Optional.empty(), ctx);
    }

    /**
     * The therapy at the relapse ({@code relapseDate}, when one is classified). A record whose end is before the
     * diagnosis (dated-before-diagnosis), or in progress with an end before the relapse (conflicting-results: its
     * status and its end contradict each other), is reported and leaves the end of therapy unknown, unless another
     * record shows the relapse on therapy.
     */
    static Optional<FrontlineTherapy> map(List<Procedure> procedures, Optional<LocalDate> diagnosisDate,
                                          Optional<LocalDate> relapseDate, MappingContext ctx) {
        List<Procedure> given = given(procedures, ctx);
        List<Procedure> wrong = given.stream().filter(p -> endCannotBeRight(p, diagnosisDate, relapseDate, ctx))
                .toList();
        // a record begun after the relapse is not the front-line therapy the relapse came on or after (a reinduction
        // coded front-line), so it cannot say the relapse was on therapy
        List<Procedure> usable = given.stream().filter(p -> !wrong.contains(p))
                .filter(p -> relapseDate.isEmpty() || startedBy(p, relapseDate.get(), ctx)).toList();
        Optional<FrontlineTherapy> running = relapseDate.flatMap(date -> runningAt(usable, date, ctx));
        if (running.isPresent() || !wrong.isEmpty()) {
            return running;
        }
        return latest(usable, ctx);
    }

    /** The front-line therapy records of therapy that ran: neither planned nor not done. */
    static List<Procedure> given(List<Procedure> procedures, MappingContext ctx) {
        return procedures.stream()
                .filter(p -> p.getStatus() == null || !NOT_GIVEN.contains(p.getStatus()))
                .filter(p -> ctx.matches(p.getCode(), Codes.FRONTLINE_THERAPY))
                .toList();
    }

    /** An end before the diagnosis, or an in-progress record's end before the relapse: reported, not used. */
    private static boolean endCannotBeRight(Procedure procedure, Optional<LocalDate> diagnosisDate,
                                            Optional<LocalDate> relapseDate, MappingContext ctx) {
        // the end's last possible day: a month or year given for the end counts when all of it is before the date
        Optional<LocalDate> end = lastDayOfEnd(procedure, ctx);
        String reference = MappingContext.reference(procedure);
        if (end.isPresent() && diagnosisDate.isPresent() && end.get().isBefore(diagnosisDate.get())) {
            ctx.issue(Timepoints.DATED_BEFORE_DIAGNOSIS, END, reference);
            return true;
        }
        if (end.isPresent() && relapseDate.isPresent() && procedure.getStatus() == ProcedureStatus.INPROGRESS
                && end.get().isBefore(relapseDate.get())) {
            // E7 reads an end of an in-progress therapy as planned: one already past at the relapse cannot be; read only
            // to time the relapse (on or off therapy), not for the risk at diagnosis
            ctx.issueOfTheRelapse(SameTime.CONFLICT, END, reference);
            return true;
        }
        return false;
    }

    /**
     * A record that shows the relapse on therapy: in progress, or completed with its end after the relapse, and begun
     * by then (or without a start); an in-progress one first, else the one that ends last.
     */
    private static Optional<FrontlineTherapy> runningAt(List<Procedure> records, LocalDate relapseDate,
                                                        MappingContext ctx) {
        return records.stream()
                .filter(p -> startedBy(p, relapseDate, ctx))
                .filter(p -> p.getStatus() == ProcedureStatus.INPROGRESS
                        || p.getStatus() == ProcedureStatus.COMPLETED && end(p, ctx).filter(relapseDate::isBefore).isPresent())
                .min(Comparator.comparing((Procedure p) -> p.getStatus() != ProcedureStatus.INPROGRESS)
                        .thenComparing(p -> end(p, ctx).orElse(null), Comparator.nullsFirst(Comparator.reverseOrder()))
                        .thenComparing(MappingContext::reference, Comparator.nullsLast(Comparator.naturalOrder())))
                .flatMap(p -> therapy(Dated.of(p, startOrEnd(p), "Procedure.performed[x]", ctx), ctx));
    }

    /** True when the record had begun by {@code date}: its start (every day of a year or month) not after it, or none. */
    private static boolean startedBy(Procedure procedure, LocalDate date, MappingContext ctx) {
        BaseDateTimeType start = Resources.performed(procedure);
        Optional<LocalDate> last = ctx.calendarDate(start)
                .or(() -> ClinicalDates.span(start).map(ClinicalDates.Span::last));
        boolean noStart = start == null || start.isEmpty();
        return noStart || last.filter(day -> !day.isAfter(date)).isPresent();
    }

    /** The last day the period's end may be (a full date, or the last day of its month or year); empty without one. */
    private static Optional<LocalDate> lastDayOfEnd(Procedure procedure, MappingContext ctx) {
        return procedure.getPerformed() instanceof Period period
                ? ctx.calendarDate(period.getEndElement())
                        .or(() -> ClinicalDates.span(period.getEndElement()).map(ClinicalDates.Span::last))
                : Optional.empty();
    }

    /** The period's end as a full date, empty without one. */
    private static Optional<LocalDate> end(Procedure procedure, MappingContext ctx) {
        return procedure.getPerformed() instanceof Period period
                ? ctx.calendarDate(period.getEndElement()) : Optional.empty();
    }

    /**
     * The most recent record (by its start, else its end) speaks for the therapy; if it is completed, the therapy ended
     * with the completed record that ends last: a phase inside a longer record does not end the therapy (reading its
     * end would make the relapse later after it, a downgrade C-08 rules out).
     */
    private static Optional<FrontlineTherapy> latest(List<Procedure> procedures, MappingContext ctx) {
        List<Dated<Procedure>> results = procedures.stream()
                .map(p -> Dated.of(p, startOrEnd(p), "Procedure.performed[x]", ctx))
                .toList();
        List<Dated<Procedure>> dated = results.stream().filter(d -> d.date() != null).toList();
        // a record of a year or month that ended before the latest placed one began is older than it
        List<Dated<Procedure>> unplaced = dated.isEmpty() ? results : SameTime.undatedThatMayBeLatest(results);
        if (!unplaced.isEmpty() && results.size() > 1) {
            // a record that cannot be placed may be the latest: which one ends the therapy is not known
            unplaced.stream().filter(d -> !ClinicalDates.isImprecise(startOrEnd(d.resource())))
                    .forEach(d -> ctx.issue("missing-date", "Procedure.performed[x]", d.reference()));
            return Optional.empty();
        }
        Optional<Dated<Procedure>> latest =
                SameTime.latest(dated.isEmpty() ? results : dated, TherapyMapper::status, "Procedure.status", ctx);
        if (latest.isPresent() && mayEndLater(latest.get(), results, ctx)) {
            // a record begun earlier that may end after it (no end, an end of a month or year, stopped, on hold):
            // when the therapy ended is not known
            return Optional.empty();
        }
        return latest.map(d -> endingLast(d, results, ctx)).flatMap(d -> therapy(d, ctx));
    }

    /**
     * For a completed latest record, another record that may end after it but whose end is not a full date of a
     * completed record: then the therapy's end is not known (a phase inside a longer record does not end it).
     */
    private static boolean mayEndLater(Dated<Procedure> latest, List<Dated<Procedure>> records, MappingContext ctx) {
        Optional<LocalDate> latestEnd = end(latest.resource(), ctx);
        if (latest.resource().getStatus() != ProcedureStatus.COMPLETED || latestEnd.isEmpty()) {
            return false;
        }
        return records.stream().filter(d -> d != latest)
                .filter(d -> lastDayOfEnd(d.resource(), ctx).map(latestEnd.get()::isBefore).orElse(true))
                .anyMatch(d -> d.resource().getStatus() != ProcedureStatus.COMPLETED || end(d.resource(), ctx).isEmpty());
    }

    /** For a completed latest record, the completed record whose end is the latest (itself if none ends later). */
    private static Dated<Procedure> endingLast(Dated<Procedure> latest, List<Dated<Procedure>> records,
                                               MappingContext ctx) {
        Optional<LocalDate> latestEnd = end(latest.resource(), ctx);
        if (latest.resource().getStatus() != ProcedureStatus.COMPLETED || latestEnd.isEmpty()) {
            return latest;
        }
        return records.stream()
                .filter(d -> d.resource().getStatus() == ProcedureStatus.COMPLETED)
                .filter(d -> end(d.resource(), ctx).filter(latestEnd.get()::isBefore).isPresent())
                .max(Comparator.comparing((Dated<Procedure> d) -> end(d.resource(), ctx).orElseThrow()))
                .orElse(latest);
    }

    /** Where a record stands among the others: its start, else its end (a phase recorded by its end only). */
    static BaseDateTimeType startOrEnd(Procedure procedure) {
        BaseDateTimeType start = Resources.performed(procedure);
        if (start != null && start.hasValue()) {
            return start;
        }
        return procedure.getPerformed() instanceof Period period && period.hasEnd() ? period.getEndElement() : start;
    }

    /**
     * Two records of one start that disagree on whether the therapy ended are rivals; two completed ones are not (an
     * induction phase begun with the whole therapy): the one that ends last ends it.
     */
    private static String status(Procedure procedure) {
        return String.valueOf(procedure.getStatus());
    }

    /**
     * An in-progress therapy is on therapy whatever end date it carries (E7); a completed one needs its end; any other
     * status says neither.
     */
    private static Optional<FrontlineTherapy> therapy(Dated<Procedure> dated, MappingContext ctx) {
        Procedure procedure = dated.resource();
        if (procedure.getStatus() == ProcedureStatus.INPROGRESS) {
            return Optional.of(new FrontlineTherapy(TherapyStatus.IN_PROGRESS, null, dated.reference()));
        }
        if (procedure.getStatus() != ProcedureStatus.COMPLETED) {
            return Optional.empty();
        }
        Period period = procedure.getPerformed() instanceof Period p ? p : new Period();
        Optional<FrontlineTherapy> completed = ctx.date(period.getEndElement(), END, dated.reference())
                .map(end -> new FrontlineTherapy(TherapyStatus.COMPLETED, end, dated.reference()));
        if (completed.isEmpty() && !ClinicalDates.isImprecise(period.getEndElement())) {
            ctx.issue("missing-date", END, dated.reference());
        }
        return completed;
    }
}
