package org.allcds.mapping;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.FrontlineTherapy;
import org.allcds.facts.Relapse;
import org.allcds.facts.RelapseTiming;
import org.allcds.facts.TherapyState;
import org.allcds.facts.TherapyStatus;
import org.allcds.facts.UnclassifiedRelapse;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;

/** I10: the latest relapse (the one classified) and its intervals from diagnosis and end of therapy (C-02, C-04). */
final class RelapseMapper {

    private static final String EFFECTIVE = "Observation.effective[x]";
    private static final String NUMBER = "Observation.component:relapse-number";

    private RelapseMapper() {
    }

    /**
     * Where "at diagnosis" ends: the first day a relapse record may stand for (its day, or the first day of its month
     * or year, never sooner than a first remission allows: {@link #fromDiagnosis}), leaving out records dated before the
     * diagnosis (E6: not classified); the day by which a relapse has certainly come (the earliest last day a record may
     * stand for); and whether a relapse record gives no date at all, so that a result cannot be placed before it.
     */
    static RelapseCut cut(List<Observation> observations, Optional<Diagnosis> diagnosis, MappingContext ctx) {
        List<Dated<Observation>> relapses = Resources.withCode(observations, Codes.RELAPSE, ctx).stream()
                .map(o -> dated(o, ctx)).toList();
        List<ClinicalDates.Span> days = relapses.stream().map(Dated::possibleDays).flatMap(Optional::stream)
                .flatMap(span -> fromDiagnosis(span, diagnosis).stream()).toList();
        boolean undated = relapses.stream().anyMatch(d -> d.date() == null && d.span().isEmpty());
        return new RelapseCut(days.stream().map(ClinicalDates.Span::first).min(Comparator.naturalOrder()),
                days.stream().map(ClinicalDates.Span::last).min(Comparator.naturalOrder()), undated);
    }

    /**
     * The days a relapse record may stand for from the diagnosis on; none when they all precede it (E6). A relapse of a
     * year or month needs a first remission first, so its days begin no sooner than {@link
     * DiagnosisCheck#FIRST_RELAPSE_DAYS_AFTER} days after the diagnosis (the diagnostic lumbar puncture of the
     * diagnosis day is the diagnosis's, not perhaps the relapse's).
     */
    private static Optional<ClinicalDates.Span> fromDiagnosis(ClinicalDates.Span days, Optional<Diagnosis> diagnosis) {
        if (diagnosis.isEmpty()) {
            return Optional.of(days);
        }
        LocalDate diagnosed = diagnosis.get().date();
        if (days.last().isBefore(diagnosed)) {
            return Optional.empty();
        }
        LocalDate earliest = diagnosed.plusDays(DiagnosisCheck.FIRST_RELAPSE_DAYS_AFTER);
        // a relapse of the diagnosis's own month: impossible as dated, but never on the diagnosis day itself
        LocalDate first = !days.last().isBefore(earliest) ? earliest
                : diagnosed.plusDays(1).isAfter(days.last()) ? days.last() : diagnosed.plusDays(1);
        return Optional.of(days.first().isBefore(first) ? new ClinicalDates.Span(first, days.last()) : days);
    }

    /**
     * The first day a relapse record may stand for, the day by which a relapse has certainly come, and whether a record
     * gives no date at all.
     */
    record RelapseCut(Optional<LocalDate> firstDay, Optional<LocalDate> relapsedBy, boolean undatedRecord) {

        static final RelapseCut NONE = new RelapseCut(Optional.empty(), Optional.empty(), false);
        static final String MAY_FOLLOW = "may-follow-relapse";

        /**
         * True when the result (dated, or of a month or year by its first day) comes before the first day a relapse
         * may stand for, or has no date. One from that day on is not the diagnosis's: a relapse's, once a relapse has
         * certainly come; before then (a relapse known only to its year or month, which may lie either side of it) it
         * is reported (may-follow-relapse), so that a card says why it is not used rather than ask for it.
         */
        boolean atDiagnosis(Dated<?> result, MappingContext ctx) {
            LocalDate day = result.possibleDays().map(ClinicalDates.Span::first).orElse(null);
            if (firstDay.isEmpty() || day == null || day.isBefore(firstDay.get())) {
                return true;
            }
            if (relapsedBy.filter(day::isBefore).isPresent()) {
                ctx.issue(MAY_FOLLOW, result.dateElement(), result.reference());
            }
            return false;
        }
    }

    /**
     * Relapse and, with a diagnosis date, RelapseTiming; nothing at all when a relapse predates the diagnosis (E6); only
     * UnclassifiedRelapse when a relapse has no full date (it could be the latest one; one of a year or month that ended
     * before a full relapse date, from the diagnosis on, is an earlier relapse and counts), the relapse's records give
     * different numbers, a number that cannot be read, or one lower than the relapses recorded up to it, or when an
     * allogeneic HSCT without a full date may have come before it.
     */
    static List<Object> map(List<Observation> observations, Optional<Diagnosis> diagnosis,
                            HsctMapper.Transplants transplants,
                            Function<LocalDate, Optional<FrontlineTherapy>> therapyAt, MappingContext ctx) {
        List<Dated<Observation>> recorded = Resources.withCode(observations, Codes.RELAPSE, ctx).stream()
                .map(o -> dated(o, ctx)).toList();
        // a relapse suspected but not yet confirmed (preliminary) is no relapse: not counted, never silently dropped
        recorded.stream().filter(d -> ResultStatus.pending(d.resource())).forEach(d -> ResultStatus.name(d.resource(), ctx));
        List<Dated<Observation>> all = ResultStatus.settled(recorded);
        List<Dated<Observation>> dated = all.stream().filter(d -> d.date() != null).toList();
        Optional<LocalDate> latestDay = dated.stream().map(Dated::date).max(Comparator.naturalOrder());
        List<Dated<Observation>> earlier = all.stream().filter(d -> placedBefore(d, latestDay, diagnosis)).toList();
        List<Object> unclassified = new ArrayList<>(all.stream().filter(d -> d.date() == null && !earlier.contains(d))
                .map(d -> unclassified(d, ctx)).toList());
        recorded.stream().filter(d -> ResultStatus.pending(d.resource()) && mayFollow(d, latestDay)).findFirst()
                .ifPresent(d -> unclassified.add(new UnclassifiedRelapse(UnclassifiedRelapse.CONFIRMATION, d.reference())));
        if (!unclassified.isEmpty()) {
            return unclassified;
        }
        if (dated.isEmpty() || predatesDiagnosis(dated, diagnosis, ctx)) {
            return List.of();
        }
        Dated<Observation> latest = dated.stream().max(Dated.chronological()).orElseThrow();
        // Records of one date are one relapse (an EHR may record it once per sample or site): never a second relapse
        List<Dated<Observation>> sameRelapse = dated.stream().filter(d -> sameRelapse(d, latest)).toList();
        int count = relapseCount(dated) + relapseCountOfMonths(earlier, dated);
        // which relapse this is decides its strata, not the group at diagnosis: what is wrong here is the relapse's
        Optional<RelapseNumber> number = ctx.readingTheRelapse(() -> number(sameRelapse, dated, count, ctx));
        if (number.isEmpty()) {
            return List.of(new UnclassifiedRelapse(UnclassifiedRelapse.NUMBER, latest.reference()));
        }
        Optional<HsctMapper.Unplaced> unplacedHsct = transplants.mayBeBefore(latest.date());
        if (unplacedHsct.isPresent()) {
            // a transplant of "2019" or without a date may have come before this relapse: strata would be a guess (R-REL-07)
            return List.of(new UnclassifiedRelapse(UnclassifiedRelapse.HSCT_DATE, unplacedHsct.get().reference()));
        }
        RelapseSites.Read site = RelapseSites.read(sameRelapse, latest.date(), observations, ctx);
        Relapse relapse = new Relapse(latest.date(), site.site(), number.get().value(), transplants.before(latest.date()),
                latest.reference(), site.from(), List.copyOf(site.possible()), number.get().exact());
        List<Object> facts = new ArrayList<>(List.of(relapse));
        diagnosis.map(dx -> timing(dx.date(), relapse.date(), therapyAt.apply(relapse.date()))).ifPresent(facts::add);
        return facts;
    }

    /** A relapse record's date; one of a year or month is reported only where its days do not place it. */
    private static Dated<Observation> dated(Observation observation, MappingContext ctx) {
        return Dated.placeable(observation, Resources.effective(observation), EFFECTIVE, ctx);
    }

    /**
     * True for a relapse of a year or month only whose every day is before the latest full relapse date and not before
     * the diagnosis: an earlier relapse, as a transplant of a month that ended before the relapse is placed before it.
     */
    private static boolean placedBefore(Dated<Observation> record, Optional<LocalDate> latestDay,
                                        Optional<Diagnosis> diagnosis) {
        return record.span().filter(span -> latestDay.filter(span.last()::isBefore).isPresent()
                && diagnosis.map(dx -> !span.first().isBefore(dx.date())).orElse(true)).isPresent();
    }

    /**
     * True for a relapse record not yet confirmed that may be a later relapse than every confirmed one (after the
     * latest confirmed relapse date, or not placed before it): which relapse is the latest, and its number, wait for
     * it. One of the latest confirmed date is that relapse's, and one before it an earlier suspicion, which changes
     * neither.
     */
    private static boolean mayFollow(Dated<Observation> record, Optional<LocalDate> latestDay) {
        if (latestDay.isEmpty()) {
            return true;
        }
        return record.possibleDays().map(ClinicalDates.Span::last).map(day -> day.isAfter(latestDay.get())).orElse(true);
    }

    /** A relapse record without a full date that its year or month does not place: it may be the latest. */
    private static UnclassifiedRelapse unclassified(Dated<Observation> record, MappingContext ctx) {
        ctx.issue(record.span().isPresent() ? "imprecise-date" : "missing-date", EFFECTIVE, record.reference());
        return new UnclassifiedRelapse(UnclassifiedRelapse.DATE, record.reference());
    }

    private static boolean predatesDiagnosis(List<Dated<Observation>> relapses, Optional<Diagnosis> diagnosis,
                                             MappingContext ctx) {
        if (diagnosis.isEmpty()) {
            return false;
        }
        List<Dated<Observation>> early = relapses.stream().filter(d -> d.date().isBefore(diagnosis.get().date())).toList();
        early.forEach(d -> ctx.issue("relapse-before-diagnosis", EFFECTIVE, d.reference()));
        return !early.isEmpty();
    }

    /** Records of one relapse: one calendar date, or one instant written in another time zone. */
    private static boolean sameRelapse(Dated<?> a, Dated<?> b) {
        return a.date().equals(b.date()) || SameTime.sameTime(a, b);
    }

    /** How many relapses the records are: a record of the same relapse as an earlier one adds none. */
    private static int relapseCount(List<Dated<Observation>> dated) {
        List<Dated<Observation>> seen = new ArrayList<>();
        int count = 0;
        for (Dated<Observation> record : dated.stream().sorted(Dated.chronological()).toList()) {
            count += seen.stream().anyMatch(s -> sameRelapse(s, record)) ? 0 : 1;
            seen.add(record);
        }
        return count;
    }

    /**
     * How many relapses the records of a year or month placed before the latest add: none for one whose days meet a
     * dated relapse or another such record (it may be that relapse, as records of one date are one relapse).
     */
    private static int relapseCountOfMonths(List<Dated<Observation>> months, List<Dated<Observation>> dated) {
        List<ClinicalDates.Span> seen = new ArrayList<>(dated.stream()
                .map(d -> new ClinicalDates.Span(d.date(), d.date())).toList());
        int count = 0;
        for (ClinicalDates.Span span : months.stream().sorted(Dated.chronological()).map(d -> d.span().orElseThrow())
                .toList()) {
            count += seen.stream().anyMatch(span::meets) ? 0 : 1;
            seen.add(span);
        }
        return count;
    }

    /**
     * The relapse's number ({@link #recordedNumber}), unless it is lower than the fewest relapses the records can be: a
     * "first relapse" on the latest of two relapse dates, where one record is wrong, and which decides the strata.
     */
    private static Optional<RelapseNumber> number(List<Dated<Observation>> sameRelapse, List<Dated<Observation>> dated,
                                                  int count, MappingContext ctx) {
        CloseRecords close = closeRecords(dated);
        // records days apart may be one relapse: the count is at least this, and a number of at least this is no conflict
        int fewest = count - close.gaps();
        Optional<RelapseNumber> number = recordedNumber(sameRelapse, count, fewest, close.records(), ctx);
        if (number.isPresent() && number.get().value() < fewest) {
            dated.forEach(d -> ctx.issue(SameTime.CONFLICT, NUMBER, d.reference()));
            return Optional.empty();
        }
        return number;
    }

    /**
     * The relapse-number component of the relapse's records, else the count of relapses up to and including this one
     * (all of them: it is the latest), unless records that may be one relapse make the count uncertain. Records that
     * give different numbers leave it unknown (empty, and reported): first-relapse strata for what may be a second
     * relapse would be a guess, and so would later-relapse rules for what may be a first.
     */
    private static Optional<RelapseNumber> recordedNumber(List<Dated<Observation>> records, int relapseCount, int fewest,
                                                          List<Dated<Observation>> daysApart, MappingContext ctx) {
        List<Dated<Observation>> unreadable = records.stream().filter(d -> hasUnreadableNumber(d.resource(), ctx))
                .toList();
        if (!unreadable.isEmpty()) {
            // "2" as text or a quantity says which relapse this is; the count of relapse records must not overrule it
            unreadable.forEach(d -> ctx.issue(Resources.NOT_RECOGNISED, NUMBER, d.reference()));
            return Optional.empty();
        }
        Set<Integer> numbers = records.stream().flatMap(d -> numbers(d.resource(), ctx).stream())
                .collect(Collectors.toSet());
        if (numbers.size() > 1) {
            records.forEach(d -> ctx.issue(SameTime.CONFLICT, NUMBER, d.reference()));
            return Optional.empty();
        }
        if (numbers.isEmpty() && fewest < relapseCount) {
            if (fewest >= 2) {
                // a later relapse whichever way: no first-relapse strata, the labels' "second or later"
                return Optional.of(new RelapseNumber(fewest, false));
            }
            daysApart.forEach(d -> ctx.issue(SameTime.CONFLICT, EFFECTIVE, d.reference()));
            return Optional.empty();
        }
        return Optional.of(new RelapseNumber(numbers.isEmpty() ? relapseCount : numbers.iterator().next(), true));
    }

    /** Which relapse this is: exactly, or ({@code exact} false) the fewest relapses the records can be. */
    private record RelapseNumber(int value, boolean exact) {
    }

    /**
     * The records of different dates fewer than {@link UnclassifiedRelapse#ONE_RELAPSE_MAX_DAYS} days after the one
     * before them, and that one, with the number of such gaps: without a relapse number, each gap may or may not be a
     * relapse more.
     */
    private static CloseRecords closeRecords(List<Dated<Observation>> dated) {
        List<Dated<Observation>> sorted = dated.stream().sorted(Dated.chronological()).toList();
        Set<Dated<Observation>> close = new LinkedHashSet<>();
        int gaps = 0;
        for (int i = 1; i < sorted.size(); i++) {
            Dated<Observation> before = sorted.get(i - 1);
            Dated<Observation> record = sorted.get(i);
            long days = ChronoUnit.DAYS.between(before.date(), record.date());
            if (!sameRelapse(before, record) && days < UnclassifiedRelapse.ONE_RELAPSE_MAX_DAYS) {
                close.add(before);
                close.add(record);
                gaps++;
            }
        }
        return new CloseRecords(List.copyOf(close), gaps);
    }

    /** Relapse records that may be one relapse, and how many relapses fewer they may be than their dates. */
    private record CloseRecords(List<Dated<Observation>> records, int gaps) {
    }

    /** Every relapse-number component of a record: one record may carry two that disagree. */
    private static List<Integer> numbers(Observation observation, MappingContext ctx) {
        return observation.getComponent().stream().filter(c -> ctx.matches(c.getCode(), Codes.RELAPSE_NUMBER))
                .filter(c -> c.getValue() instanceof IntegerType i && i.hasValue() && i.getValue() > 0)
                .map(c -> ((IntegerType) c.getValue()).getValue())
                .toList();
    }

    /** A relapse-number component with a value that is not a whole number above 0 (a quantity, a text, a 0). */
    private static boolean hasUnreadableNumber(Observation observation, MappingContext ctx) {
        return observation.getComponent().stream().filter(c -> ctx.matches(c.getCode(), Codes.RELAPSE_NUMBER))
                .anyMatch(c -> c.getValue() != null && !c.getValue().isEmpty()
                        && !(c.getValue() instanceof IntegerType i && i.hasValue() && i.getValue() > 0));
    }

    static RelapseTiming timing(LocalDate diagnosisDate, LocalDate relapseDate, Optional<FrontlineTherapy> therapy) {
        int fromDiagnosis = ClinicalDates.completedMonths(diagnosisDate, relapseDate);
        boolean onAnniversary = ClinicalDates.onMonthAnniversary(diagnosisDate, relapseDate);
        TherapyState state = therapyState(relapseDate, therapy);
        int fromEnd = state == TherapyState.OFF_THERAPY
                ? ClinicalDates.completedMonths(therapy.orElseThrow().end(), relapseDate)
                : -1;
        return new RelapseTiming(fromDiagnosis, onAnniversary, state, fromEnd);
    }

    /** In progress is on therapy even with a (planned) end date (E7); completed is off therapy from its end on. */
    private static TherapyState therapyState(LocalDate relapseDate, Optional<FrontlineTherapy> therapy) {
        if (therapy.isEmpty()) {
            return TherapyState.UNKNOWN;
        }
        if (therapy.get().status() == TherapyStatus.IN_PROGRESS || therapy.get().end().isAfter(relapseDate)) {
            return TherapyState.ON_THERAPY;
        }
        return TherapyState.OFF_THERAPY;
    }
}
