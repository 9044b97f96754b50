package org.allcds.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.MarrowBlasts;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.Relapse;
import org.allcds.facts.UndatedBlock1Blasts;
import org.allcds.facts.ValueBound;
import org.hl7.fhir.r4.model.Observation;

/** I9: marrow blasts by morphology in percent, the most recent per timepoint. */
final class MarrowBlastsMapper {

    private MarrowBlastsMapper() {
    }

    /** The blasts per timepoint; end-of-block-1 only from results after {@code relapse}, the relapse classified. */
    static List<MarrowBlasts> map(List<Observation> observations, Optional<Relapse> relapse, MappingContext ctx) {
        return read(observations, relapse, Timepoints.FrontLine.ANY, ctx).blasts();
    }

    /** The blasts per timepoint, and the end-of-block-1 counts a first relapse cannot place ({@link #read}). */
    record Read(List<MarrowBlasts> blasts, List<UndatedBlock1Blasts> undated) {
    }

    /**
     * As above, end-of-induction only from results within {@code frontLine}; and, at a first relapse, the end-of-block-1
     * counts whose date cannot place them after it ({@link UndatedBlock1Blasts}).
     */
    static Read read(List<Observation> observations, Optional<Relapse> relapse, Timepoints.FrontLine frontLine,
                     MappingContext ctx) {
        List<MarrowBlasts> facts = new ArrayList<>();
        List<Dated<Observation>> undated = new ArrayList<>();
        Timepoints.byTimepoint(observations, Codes.MARROW_BLASTS, relapse, frontLine, undated::add, ctx)
                .forEach((timepoint, results) -> Timepoints.readingAt(timepoint, ctx,
                        () -> latest(timepoint, results, ctx)).ifPresent(facts::add));
        return new Read(facts, Timepoints.readingAt(MrdTimepoint.RELAPSE_END_BLOCK1, ctx, () -> undatedCounts(undated, ctx)));
    }

    /** The counts of end-of-block-1 results without a placing date, each as recorded (a bound stays a bound). */
    private static List<UndatedBlock1Blasts> undatedCounts(List<Dated<Observation>> undated, MappingContext ctx) {
        return undated.stream().filter(d -> Resources.quantity(d.resource()).isPresent())
                .flatMap(d -> Resources.boundedValue(d, UcumUnits::percent, PlausibleRange.PERCENT, ctx)
                        .map(v -> new UndatedBlock1Blasts(v.value(), v.bound(), d.reference())).stream())
                .toList();
    }

    /** The blasts of the latest time at one timepoint ({@link #readTogether}). */
    private static Optional<MarrowBlasts> latest(MrdTimepoint timepoint, List<Dated<Observation>> results,
                                                 MappingContext ctx) {
        return readTogether(Timepoints.latestTime(results, ctx).stream()
                .flatMap(dated -> blasts(timepoint, dated, ctx).stream()).toList(), ctx);
    }

    /**
     * The latest result, or, where results of its time disagree, what all of them allow. Exact counts (3 % and 10 %):
     * any of them, which decide a threshold only where all are on one side (below 25 %, not 5 %). A bound among them
     * (&gt; 20 % and 30 %): at least the smallest. Dropped instead, the disagreement read as "no marrow", so as no
     * induction failure; so read it still says what the marrow may be and leaves open what the counts do not settle.
     */
    private static Optional<MarrowBlasts> readTogether(List<MarrowBlasts> sameTime, MappingContext ctx) {
        if (sameTime.stream().map(b -> b.bound().show(b.percent().stripTrailingZeros())).distinct().count() <= 1) {
            return sameTime.stream().findFirst();
        }
        sameTime.forEach(b -> ctx.issue(SameTime.CONFLICT, "Observation.valueQuantity", b.reference()));
        ctx.readTogether(sameTime.stream().map(MarrowBlasts::reference).toList());
        MarrowBlasts least = sameTime.stream().min(Comparator.comparing(MarrowBlasts::lowestPossible)).orElseThrow();
        if (sameTime.stream().allMatch(b -> b.bound() == ValueBound.EXACT)) {
            BigDecimal most = sameTime.stream().map(MarrowBlasts::percent).max(Comparator.naturalOrder()).orElseThrow();
            return Optional.of(MarrowBlasts.disagreeing(least.timepoint(), least.percent(), most, least.date(),
                    least.reference()));
        }
        return Optional.of(new MarrowBlasts(least.timepoint(), least.lowestPossible(), ValueBound.AT_LEAST, least.date(),
                least.reference()));
    }

    /** Blasts in percent, with the comparator as a bound ("&lt; 5 %" is below 5 %; "&lt; 30 %" cannot say 25 %). */
    private static Optional<MarrowBlasts> blasts(MrdTimepoint timepoint, Dated<Observation> dated, MappingContext ctx) {
        return Resources.boundedValue(dated, UcumUnits::percent, PlausibleRange.PERCENT, ctx)
                .map(v -> new MarrowBlasts(timepoint, v.value(), v.bound(), dated.date(), dated.reference()));
    }
}
