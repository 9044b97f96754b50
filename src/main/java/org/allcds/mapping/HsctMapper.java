package org.allcds.mapping;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.allcds.facts.Hsct;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;

/**
 * I12: allogeneic HSCT, dated by performedDateTime or performedPeriod.start. A transplant without a full date is kept
 * with what is known of its time, so that a relapse it certainly preceded counts as after HSCT, one it may have
 * preceded is not classified, and one it certainly followed has its HSCT step done.
 */
final class HsctMapper {

    private static final String PERFORMED = "Procedure.performed[x]";
    /** A transplant only planned has not happened. */
    private static final Set<ProcedureStatus> NOT_PERFORMED = Set.of(ProcedureStatus.PREPARATION);

    private HsctMapper() {
    }

    /** The transplants with a full date, oldest first, and those without one. */
    record Transplants(List<Dated<Procedure>> dated, List<Unplaced> unplaced) {

        static final Transplants NONE = new Transplants(List.of(), List.of());

        /** True when a transplant certainly came before {@code date}. */
        boolean before(LocalDate date) {
            return dated.stream().anyMatch(t -> t.date().isBefore(date)) || unplaced.stream().anyMatch(u -> u.before(date));
        }

        /** A transplant without a full date that may have come before {@code date}, when none certainly did. */
        Optional<Unplaced> mayBeBefore(LocalDate date) {
            return before(date) ? Optional.empty() : unplaced.stream().filter(u -> u.mayBeBefore(date)).findFirst();
        }
    }

    /**
     * A transplant without a full date (reported as imprecise-date or missing-date): the first and last day its year or
     * month allows, or neither for one without any date.
     */
    record Unplaced(Dated<Procedure> record, LocalDate earliest, LocalDate latest) {

        String reference() {
            return record.reference();
        }

        /** True when it certainly came before {@code date}: its year or month ended before it. */
        boolean before(LocalDate date) {
            return latest != null && latest.isBefore(date);
        }

        /** True when it certainly came after {@code date}: its year or month began after it. */
        boolean after(LocalDate date) {
            return earliest != null && earliest.isAfter(date);
        }

        /** True for a transplant dated by its year or month, false for one without any date. */
        boolean byYearOrMonth() {
            return earliest != null;
        }

        /** True when it may have come before {@code date}: undated, or its year or month began on or before it. */
        boolean mayBeBefore(LocalDate date) {
            return earliest == null || !earliest.isAfter(date);
        }
    }

    /**
     * Every transplant performed: those with a full date, oldest first, and those without, which cannot be placed
     * before or after a relapse by a day; these are reported once it is known whether what is known of their time placed
     * them ({@link #reportDatesNotUsed}).
     */
    static Transplants of(List<Procedure> procedures, MappingContext ctx) {
        List<Dated<Procedure>> all = performed(procedures, ctx).map(p -> dated(p, ctx)).toList();
        List<Dated<Procedure>> dated = all.stream().filter(d -> d.date() != null).sorted(Dated.chronological()).toList();
        List<Unplaced> unplaced = all.stream().filter(d -> d.date() == null).map(d -> unplaced(d, ctx))
                .sorted(Comparator.comparing(Unplaced::reference, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new Transplants(dated, unplaced);
    }

    /**
     * Reports each transplant without a full date whose date was not used (imprecise-date for a year or month,
     * missing-date otherwise): all of them, except one that its year, month or period's end placed before the relapse
     * ({@code relapseDate}), or its year or month after it. A card must not say "not used" of the date its relapse
     * line reads "after HSCT" from, nor of the one it says the transplant after the relapse was done in.
     */
    static void reportDatesNotUsed(Transplants transplants, Optional<LocalDate> relapseDate, MappingContext ctx) {
        transplants.unplaced().stream()
                .filter(u -> relapseDate.map(date -> !u.before(date) && !u.after(date)).orElse(true))
                .forEach(u -> ctx.issue(u.byYearOrMonth() ? "imprecise-date" : "missing-date", PERFORMED, u.reference()));
    }

    /** A transplant of a year or month only is not reported here, as {@link Dated#of} would report it. */
    private static Dated<Procedure> dated(Procedure transplant, MappingContext ctx) {
        return Dated.placeable(transplant, Resources.performed(transplant), PERFORMED, ctx);
    }

    /**
     * What is known of when a transplant without a full date was done: the days its year or month covers, or, for a
     * period without a start, that it was done by the period's end.
     */
    private static Unplaced unplaced(Dated<Procedure> transplant, MappingContext ctx) {
        Optional<ClinicalDates.Span> span = transplant.span();
        if (span.isPresent()) {
            return new Unplaced(transplant, span.get().first(), span.get().last());
        }
        LocalDate doneBy = transplant.resource().getPerformed() instanceof Period period
                ? ctx.calendarDate(period.getEndElement()).orElse(null) : null;
        return new Unplaced(transplant, null, doneBy);
    }

    private static Stream<Procedure> performed(List<Procedure> procedures, MappingContext ctx) {
        return procedures.stream()
                .filter(p -> p.getStatus() == null || !NOT_PERFORMED.contains(p.getStatus()))
                .filter(p -> ctx.matches(p.getCode(), Codes.ALLOGENEIC_HSCT));
    }

    /**
     * The latest transplant on or before the evaluation date that the record places, and whether it came after the
     * classified relapse ({@code relapseDate}; a transplant on the relapse's day is not after it) and is done. One of a
     * year or month only is placed when every day of it is after the relapse: it followed the relapse whatever its day.
     */
    static Optional<Hsct> latest(Transplants transplants, LocalDate evaluationDate, Optional<LocalDate> relapseDate) {
        Stream<Dated<Procedure>> afterByYearOrMonth = relapseDate.stream()
                .flatMap(date -> transplants.unplaced().stream().filter(u -> u.after(date))).map(Unplaced::record);
        return Stream.concat(transplants.dated().stream(), afterByYearOrMonth)
                .filter(d -> !firstDay(d).isAfter(evaluationDate))
                .max(Comparator.comparing(HsctMapper::firstDay).thenComparing(Dated.chronological()))
                .map(d -> new Hsct(d.date(), performed(d),
                        relapseDate.map(firstDay(d)::isAfter).orElse(false) && done(d.resource()), d.reference()));
    }

    private static LocalDate firstDay(Dated<Procedure> transplant) {
        return transplant.possibleDays().orElseThrow().first();
    }

    /** The date as the record gives it: the day, or the year or month only ("2019-12"). */
    private static String performed(Dated<Procedure> transplant) {
        return transplant.date() != null ? transplant.date().toString()
                : Resources.performed(transplant.resource()).getValueAsString();
    }

    /** A transplant the record says is over: completed, or of a status not sent or unknown; in progress is not done. */
    private static boolean done(Procedure transplant) {
        return transplant.getStatus() == null || transplant.getStatus() == ProcedureStatus.COMPLETED
                || transplant.getStatus() == ProcedureStatus.UNKNOWN || transplant.getStatus() == ProcedureStatus.NULL;
    }
}
