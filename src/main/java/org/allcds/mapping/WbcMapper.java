package org.allcds.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.DiagnosticSample;
import org.allcds.facts.WbcAtDiagnosis;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/** I4: the earliest WBC in [diagnosis - 7 days, diagnosis + 3 days], in 10^9/L. Later counts may follow treatment. */
final class WbcMapper {

    private static final String VALUE = "Observation.valueQuantity.value";
    private static final String EFFECTIVE = "Observation.effective[x]";

    private WbcMapper() {
    }

    static Optional<WbcAtDiagnosis> map(List<Observation> observations, Optional<Diagnosis> diagnosis,
                                        MappingContext ctx) {
        if (diagnosis.isEmpty()) {
            return Optional.empty();
        }
        Candidates candidates = candidates(observations, diagnosis.get().date(), ctx);
        List<Dated<Observation>> first = candidates.earliest();
        List<Dated<Observation>> deciding = candidates.all();
        if (first.isEmpty() || ResultStatus.awaited(deciding, ctx) || !Resources.numbersOnly(deciding, ctx)) {
            return Optional.empty(); // the earliest count is awaited or cannot be read: a later one is not used in its place
        }
        boolean conflict = SameTime.disagree(first, WbcMapper::asRead, VALUE, ctx);
        if (!conflict && deciding.stream().map(d -> asRead(d.resource())).distinct().count() == 1) {
            return wbc(first.get(0), ctx);
        }
        Optional<WbcAtDiagnosis> range = disagreeing(deciding, first.get(0).date(), !candidates.undated().isEmpty());
        range.ifPresent(r -> ctx.readTogether(deciding.stream().map(Dated::reference).toList()));
        return range;
    }

    /** The earliest counts of the window, and the counts without a day that may be earlier still. */
    private record Candidates(List<Dated<Observation>> earliest, List<Dated<Observation>> undated) {

        List<Dated<Observation>> all() {
            List<Dated<Observation>> all = new ArrayList<>(earliest);
            all.addAll(undated);
            return all;
        }
    }

    /** The counts that are, or may be, the count at diagnosis; those without a full date among them are named. */
    private static Candidates candidates(List<Observation> observations, LocalDate diagnosed, MappingContext ctx) {
        List<Dated<Observation>> counts = Resources.withCode(observations, Codes.WBC, ctx).stream()
                .filter(Resources::hasValue)
                .map(o -> Dated.placeable(o, Resources.effective(o), EFFECTIVE, ctx))
                .toList();
        reportUndated(counts, ctx);
        List<Dated<Observation>> first = SameTime.earliestTime(counts.stream()
                .filter(d -> DiagnosticSample.around(d.date(), diagnosed)).toList());
        LocalDate earliest = first.isEmpty() ? diagnosed.plusDays(DiagnosticSample.DAYS_AFTER) : first.get(0).date();
        List<Dated<Observation>> undated = mayBeEarlier(counts, earliest, diagnosed);
        // a count of a month or year is named only where it may be the count at diagnosis
        undated.stream().filter(d -> d.span().isPresent())
                .forEach(d -> ctx.issue("imprecise-date", EFFECTIVE, d.reference()));
        return new Candidates(first, undated);
    }

    /**
     * The counts without a day that may be the earliest of the window, so the count at diagnosis (C-08): one without any
     * date, or of a month or year that meets the window on or before {@code earliest} (the earliest dated count's day,
     * or the window's last without one). A count of a month or year outside the window, or that begins after that day,
     * cannot be.
     */
    private static List<Dated<Observation>> mayBeEarlier(List<Dated<Observation>> counts, LocalDate earliest,
                                                         LocalDate diagnosed) {
        LocalDate windowStart = diagnosed.minusDays(DiagnosticSample.DAYS_BEFORE);
        return counts.stream().filter(d -> d.date() == null)
                .filter(d -> d.span().map(s -> !s.first().isAfter(earliest) && !s.last().isBefore(windowStart))
                        .orElse(true))
                .toList();
    }

    private static String asRead(Observation count) {
        return UcumUnits.asRead(Resources.quantity(count).orElseThrow(), UcumUnits::wbcPer10e9L);
    }

    /**
     * Exact counts that disagree and may each be the count at diagnosis: of one time (8.2 and 8.4, each reported as
     * conflicting), or a count without a day beside the earliest dated one (reported for its date). Which is right is
     * not known, so the fact holds both ends, and a cut-off is decided only where every count falls on one side of it.
     * With a bound, an unconvertible unit or an implausible value among them, there is no fact.
     */
    private static Optional<WbcAtDiagnosis> disagreeing(List<Dated<Observation>> rivals, LocalDate earliest,
                                                        boolean undated) {
        List<BigDecimal> counts = new ArrayList<>();
        for (Dated<Observation> dated : rivals) {
            Quantity quantity = Resources.quantity(dated.resource()).orElseThrow();
            Optional<BigDecimal> count = quantity.hasComparator() ? Optional.empty()
                    : UcumUnits.wbcPer10e9L(quantity.getValue(), quantity.getSystem(), quantity.getCode())
                            .filter(PlausibleRange.WBC_PER_10E9_L::contains);
            if (count.isEmpty()) {
                return Optional.empty();
            }
            counts.add(count.get());
        }
        BigDecimal lowest = Collections.min(counts);
        Dated<Observation> lowestResult = rivals.get(counts.indexOf(lowest));
        return Optional.of(WbcAtDiagnosis.disagreeing(lowest, Collections.max(counts), earliest,
                lowestResult.reference(), undated));
    }

    /**
     * A count without a date may be the one at diagnosis: it is named, not dropped unsaid while the card asks for the
     * WBC at diagnosis. A date without a day is named where it may fall on or before the earliest count of the window.
     */
    private static void reportUndated(List<Dated<Observation>> counts, MappingContext ctx) {
        counts.stream().filter(d -> d.date() == null && !ClinicalDates.isImprecise(Resources.effective(d.resource())))
                .forEach(d -> ctx.issue("missing-date", EFFECTIVE, d.reference()));
    }

    /**
     * The earliest count decides: if it cannot be read, a later one is not used in its place. A count reported only as
     * a bound ("&gt; 100", above the analyser's range) keeps its bound: it decides the 50 x10^9/L cut-off only when
     * every count it allows is on one side (C-06); read as 45, "&gt; 45" could put a child with 60 x10^9/L in the
     * standard-risk group.
     */
    private static Optional<WbcAtDiagnosis> wbc(Dated<Observation> dated, MappingContext ctx) {
        return Resources.boundedValue(dated, UcumUnits::wbcPer10e9L, PlausibleRange.WBC_PER_10E9_L, ctx)
                .map(v -> new WbcAtDiagnosis(v.value(), v.bound(), dated.date(), dated.reference()));
    }
}
