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

    private WbcMapper() {
    }

    static Optional<WbcAtDiagnosis> map(List<Observation> observations, Optional<Diagnosis> diagnosis,
                                        MappingContext ctx) {
        if (diagnosis.isEmpty()) {
            return Optional.empty();
        }
        LocalDate diagnosed = diagnosis.get().date();
        List<Dated<Observation>> counts = Resources.withCode(observations, Codes.WBC, ctx).stream()
                .filter(Resources::hasValue)
                .map(o -> Resources.dated(o, ctx))
                .toList();
        reportUndated(counts, ctx);
        List<Dated<Observation>> results = counts.stream()
                .filter(d -> DiagnosticSample.around(d.date(), diagnosed))
                .toList();
        List<Dated<Observation>> first = SameTime.earliestTime(results);
        if (ResultStatus.awaited(first, ctx) || !Resources.numbersOnly(first, ctx)) {
            return Optional.empty(); // the earliest count is awaited or cannot be read: a later one is not used in its place
        }
        if (!SameTime.disagree(first, WbcMapper::asRead, VALUE, ctx)) {
            return first.stream().findFirst().flatMap(d -> wbc(d, ctx));
        }
        return disagreeing(first);
    }

    private static String asRead(Observation count) {
        return UcumUnits.asRead(Resources.quantity(count).orElseThrow(), UcumUnits::wbcPer10e9L);
    }

    /**
     * Exact counts of one time that disagree (8.2 and 8.4, each reported as conflicting): which is right is not known,
     * so the fact holds both ends, and a cut-off is decided only where every count falls on one side of it. With a
     * bound, an unconvertible unit or an implausible value among them, there is no fact (the conflict is reported).
     */
    private static Optional<WbcAtDiagnosis> disagreeing(List<Dated<Observation>> sameTime) {
        List<BigDecimal> counts = new ArrayList<>();
        for (Dated<Observation> dated : sameTime) {
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
        Dated<Observation> lowestResult = sameTime.get(counts.indexOf(lowest));
        return Optional.of(WbcAtDiagnosis.disagreeing(lowest, Collections.max(counts), lowestResult.date(),
                lowestResult.reference()));
    }

    /**
     * A count without a date may be the one at diagnosis: it is named, not dropped unsaid while the card asks for the
     * WBC at diagnosis. A date without a day is reported as such already.
     */
    private static void reportUndated(List<Dated<Observation>> counts, MappingContext ctx) {
        counts.stream().filter(d -> d.date() == null && !ClinicalDates.isImprecise(Resources.effective(d.resource())))
                .forEach(d -> ctx.issue("missing-date", "Observation.effective[x]", d.reference()));
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
