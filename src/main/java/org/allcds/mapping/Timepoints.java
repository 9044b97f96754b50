package org.allcds.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.allcds.facts.DataQualityCodes;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.Relapse;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.Observation;

/**
 * I8 and I9 share the timepoint component and the rule "the most recent result per timepoint wins", unless another
 * result of its time says otherwise ({@link SameTime}).
 */
final class Timepoints {

    private static final Map<Code, MrdTimepoint> TIMEPOINTS = Codes.localTable(MrdTimepoint.values(),
            MrdTimepoint::code);

    private Timepoints() {
    }

    /**
     * What bounds the front-line timepoints (day 8, end of induction): the diagnosis they follow and the first relapse
     * they come before. A result dated before the diagnosis cannot be this induction's and is reported
     * (dated-before-diagnosis); one of a relapse's time is that relapse's
     * (a reinduction's end filed as end-of-induction) and, as the CNS status of that time, is left aside without a word;
     * one that may lie either side of a relapse known only to its year or month is left aside and reported.
     */
    record FrontLine(Optional<Diagnosis> diagnosis, RelapseMapper.RelapseCut relapse) {

        static final FrontLine ANY = new FrontLine(Optional.empty(), RelapseMapper.RelapseCut.NONE);

        boolean holds(Dated<Observation> result, MappingContext ctx) {
            LocalDate diagnosed = diagnosis.map(Diagnosis::date).orElse(null);
            if (diagnosed != null && result.date() != null && result.date().isBefore(diagnosed)) {
                ctx.issue(DATED_BEFORE_DIAGNOSIS, "Observation.effective[x]", result.reference());
                return false;
            }
            return relapse.atDiagnosis(result, ctx);
        }
    }

    static final String DATED_BEFORE = "dated-before-relapse";
    static final String DATED_BEFORE_DIAGNOSIS = "dated-before-diagnosis";

    /** The most recent result for each timepoint, in timepoint order; results without a timepoint are not placed. */
    static Map<MrdTimepoint, Dated<Observation>> mostRecent(List<Observation> observations, Collection<Code> code,
                                                            Optional<Relapse> relapse, FrontLine frontLine,
                                                            MappingContext ctx) {
        Map<MrdTimepoint, Dated<Observation>> latest = new EnumMap<>(MrdTimepoint.class);
        byTimepoint(observations, code, relapse, frontLine, ctx).forEach((timepoint, results) ->
                readingAt(timepoint, ctx, () -> latestAgreeing(results, ctx)).ifPresent(r -> latest.put(timepoint, r)));
        return latest;
    }

    /** The latest result, unless the results of its time disagree (reported). */
    private static Optional<Dated<Observation>> latestAgreeing(List<Dated<Observation>> results, MappingContext ctx) {
        List<Dated<Observation>> sameTime = latestTime(results, ctx);
        if (SameTime.disagree(sameTime, Timepoints::asRead, "Observation.valueQuantity", ctx)) {
            return Optional.empty();
        }
        return sameTime.stream().findFirst();
    }

    /**
     * What {@code reading} of a timepoint's results gives: what is wrong with an end-of-block-1 result (a relapse
     * block's response) bears on the relapse alone, and the risk card, about the disease at diagnosis, leaves it out.
     */
    static <T> T readingAt(MrdTimepoint timepoint, MappingContext ctx, Supplier<T> reading) {
        return timepoint == MrdTimepoint.RELAPSE_END_BLOCK1 ? ctx.readingTheRelapse(reading) : reading.get();
    }

    /**
     * The results of the latest time at one timepoint, each with a number; none when that time cannot be told ({@link
     * SameTime#latestTimeIfKnown}), a result that may be of it is not yet final ({@link ResultStatus}), or a result of
     * it is not a number (a text "0.5 %"): the latest word on the input cannot be read, and an older result must not
     * stand in for it (contract §2: the most recent wins; C-08).
     */
    static List<Dated<Observation>> latestTime(List<Dated<Observation>> results, MappingContext ctx) {
        if (ResultStatus.awaited(SameTime.mayBeLatest(results), ctx)) {
            return List.of(); // the latest result is not yet final: an older one must not stand in for it
        }
        return SameTime.latestTimeIfKnown(ResultStatus.settled(results), Timepoints::asRead, ctx)
                .filter(sameTime -> Resources.numbersOnly(sameTime, ctx)).orElse(List.of());
    }

    /** A result as read for comparison: its number and unit as sent, or the type of a value that is not a number. */
    private static String asRead(Observation result) {
        return Resources.quantity(result).map(q -> UcumUnits.asRead(q, UcumUnits::percent))
                .orElseGet(() -> Resources.typedValuePath(result));
    }

    /**
     * The results with a value (a number, or one that cannot be read as a number), by timepoint, in timepoint order; results without a timepoint are not placed, and
     * those whose timepoint is coded outside the value set are reported. End-of-block-1 results that do not follow the
     * relapse being classified are not placed either ({@link #follows}), before the latest is chosen, so that a
     * previous relapse's results, which can never count, neither conflict nor fail in this relapse's name. Those dated
     * on or before a first relapse belong to no relapse: their date is wrong, and they are reported
     * (dated-before-relapse); those without a date lack it (missing-date): a card names them instead of asking for the
     * result as if none were recorded.
     * Day-8 and end-of-induction results are placed only within {@code frontLine}. Nor is an MRD whose record codes
     * another specimen than its timepoint's ({@link Specimens#fit}): a blood MRD is no end-of-induction marrow MRD,
     * and it neither conflicts with the marrow result of its day nor stands in for one.
     */
    static Map<MrdTimepoint, List<Dated<Observation>>> byTimepoint(List<Observation> observations, Collection<Code> code,
                                                                   Optional<Relapse> relapse, FrontLine frontLine,
                                                                   MappingContext ctx) {
        return byTimepoint(observations, code, relapse, frontLine, undated -> { }, ctx);
    }

    /**
     * As above, and each end-of-block-1 result at a first relapse whose date cannot place it after the relapse
     * ({@link #mayFollowUndated}) given to {@code undatedAfterAFirstRelapse}.
     */
    static Map<MrdTimepoint, List<Dated<Observation>>> byTimepoint(List<Observation> observations, Collection<Code> code,
                                                                   Optional<Relapse> relapse, FrontLine frontLine,
                                                                   Consumer<Dated<Observation>> undatedAfterAFirstRelapse,
                                                                   MappingContext ctx) {
        Map<MrdTimepoint, List<Dated<Observation>>> byTimepoint = new EnumMap<>(MrdTimepoint.class);
        for (Observation observation : Resources.withCode(observations, code, ctx)) {
            Resources.ComponentRead<MrdTimepoint> timepoint = read(observation, ctx);
            if (timepoint.value().isPresent() && Resources.hasValue(observation)) {
                MrdTimepoint at = timepoint.value().get();
                // the date too is read at the timepoint: an end-of-block-1 result's date bears on the relapse alone
                readingAt(at, ctx, () -> Optional.of(dated(observation, at, relapse, ctx))
                        .filter(result -> belongs(result, code, at, relapse, frontLine, ctx, undatedAfterAFirstRelapse)))
                        .ifPresent(result -> byTimepoint.computeIfAbsent(at, t -> new ArrayList<>()).add(result));
            } else if (Resources.hasValue(observation) && timepoint.unread() != null) {
                // a result the record holds at a timepoint it cannot read ("day-29", a text): named, not placed
                ctx.issue(Resources.NOT_RECOGNISED, timepoint.unread(), MappingContext.reference(observation));
            }
        }
        return byTimepoint;
    }

    /**
     * A result's date, a year or month only named (imprecise-date), except an end-of-block-1 result's that ended before
     * a later relapse: an earlier relapse's block 1 may be it, which never counts, and is left aside without a word, as
     * one with a full date before that relapse is. One that meets the relapse's days may be its block 1, and is named.
     */
    private static Dated<Observation> dated(Observation observation, MrdTimepoint timepoint, Optional<Relapse> relapse,
                                            MappingContext ctx) {
        if (timepoint != MrdTimepoint.RELAPSE_END_BLOCK1) {
            return Resources.dated(observation, ctx);
        }
        Dated<Observation> result = Dated.placeable(observation, Resources.effective(observation),
                "Observation.effective[x]", ctx);
        if (result.span().isPresent() && !endedBeforeALaterRelapse(result.span().get(), relapse)) {
            ctx.issue(DataQualityCodes.IMPRECISE_DATE, result.dateElement(), result.reference());
        }
        return result;
    }

    private static boolean endedBeforeALaterRelapse(ClinicalDates.Span days, Optional<Relapse> relapse) {
        return relapse.filter(r -> r.number() > 1 && days.last().isBefore(r.date())).isPresent();
    }

    /**
     * Whether a result stands for its timepoint: dated where the timepoint can be ({@link #follows}, {@link
     * FrontLine#holds}), and, for an MRD, measured in the timepoint's specimen as far as its record codes it. A blast
     * count coded as blood is still read: left out, it would read as no induction failure and as a second remission,
     * while blasts in the blood at a marrow timepoint are no remission.
     */
    private static boolean belongs(Dated<Observation> result, Collection<Code> code, MrdTimepoint timepoint,
                                   Optional<Relapse> relapse, FrontLine frontLine, MappingContext ctx,
                                   Consumer<Dated<Observation>> undatedAfterAFirstRelapse) {
        boolean block1 = timepoint == MrdTimepoint.RELAPSE_END_BLOCK1;
        if (block1 ? follows(result, relapse) : frontLine.holds(result, ctx)) {
            return !code.equals(Codes.MRD) || ctx.specimens().fit(result.resource(), timepoint, ctx);
        }
        if (block1 && relapse.get().number() == 1) {
            unplacedAfterAFirstRelapse(result, ctx);
            if (mayFollowUndated(result, relapse.get())) {
                undatedAfterAFirstRelapse.accept(result);
            }
        }
        return false;
    }

    /**
     * Names an end-of-block-1 result that does not follow a first relapse, which no earlier relapse can own: dated on or
     * before it (dated-before-relapse), or without a date (missing-date; one of a month or year was named when read).
     * At a later relapse it may be an earlier relapse's block 1, which never counts, and is left aside without a word
     * (one of a month or year is named when read only where it meets the relapse's days).
     */
    private static void unplacedAfterAFirstRelapse(Dated<Observation> result, MappingContext ctx) {
        if (result.date() != null) {
            ctx.issue(DATED_BEFORE, result.dateElement(), result.reference());
        } else if (result.span().isEmpty()) {
            ctx.issue(DataQualityCodes.MISSING_DATE, result.dateElement(), result.reference());
        }
    }

    /**
     * A result without a full date that may still have been taken after the relapse: none at all, or a year or month
     * that reaches past the relapse date (one whose every day is on or before it cannot be this relapse's block 1).
     */
    static boolean mayFollowUndated(Dated<Observation> result, Relapse relapse) {
        return result.date() == null
                && result.span().map(days -> days.last().isAfter(relapse.date())).orElse(true);
    }

    /**
     * An end-of-block-1 result belongs to the relapse being classified only if it was taken after that relapse: one
     * dated on or before it (a previous relapse's, or a wrong date) would stratify this relapse by another response,
     * and so would one without a date (FHIR's {@code effective[x]} is optional), which cannot be placed after it.
     */
    private static boolean follows(Dated<Observation> result, Optional<Relapse> relapse) {
        return relapse.isEmpty() || result.date() != null && result.date().isAfter(relapse.get().date());
    }

    static Optional<MrdTimepoint> timepoint(Observation observation, MappingContext ctx) {
        return read(observation, ctx).value();
    }

    private static Resources.ComponentRead<MrdTimepoint> read(Observation observation, MappingContext ctx) {
        return Resources.readComponent(observation, Codes.TIMEPOINT, "Observation.component:timepoint", TIMEPOINTS, ctx);
    }
}
