package org.allcds.mapping;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.allcds.facts.DiagnosticSample;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.Observation;

/**
 * The diagnostic work-up of the CNS status and testicular involvement "at diagnosis" (I5, I6, R-DX-08, R-DX-09): by
 * convention the results dated from {@link #DAYS_BEFORE} days before the diagnosis date (as the WBC at diagnosis, I4)
 * to {@link #DAYS_AFTER} days after it (the day-8 lumbar puncture with the first intrathecal dose), and before the first
 * relapse. A later LP or examination is another time point: a CNS3 in maintenance is a relapse question, not the
 * status at diagnosis, so it is neither used nor named here.
 */
final class DiagnosticWorkUp {

    static final int DAYS_BEFORE = DiagnosticSample.DAYS_BEFORE;
    static final int DAYS_AFTER = 14;

    private DiagnosticWorkUp() {
    }

    /**
     * The results that may be of the work-up: those dated within it, and those without a day (none, or only a month or
     * year) that may lie within it; one from the first relapse on is left out ({@code cut}).
     */
    static List<Dated<Observation>> results(List<Observation> observations, Set<Code> code, LocalDate diagnosed,
                                            RelapseMapper.RelapseCut cut, MappingContext ctx) {
        ClinicalDates.Span window = new ClinicalDates.Span(diagnosed.minusDays(DAYS_BEFORE),
                diagnosed.plusDays(DAYS_AFTER));
        return Resources.withCode(observations, code, ctx).stream()
                .map(o -> Dated.placeable(o, Resources.effective(o), "Observation.effective[x]", ctx))
                .filter(d -> d.possibleDays().map(window::meets).orElse(true))
                .filter(d -> cut.atDiagnosis(d, ctx))
                .toList();
    }

    /**
     * The worst finding of the work-up (the highest {@code value}; the earliest result giving it): a later clear LP
     * shows clearance, not the status at diagnosis. None when a result without a day could be worse still, or when
     * only such results exist (each named: which time it is of is not known), or when a result of the worst one's
     * time says otherwise (conflicting-results).
     */
    static <V extends Comparable<V>> Optional<Dated<Observation>> worst(List<Dated<Observation>> results,
                                                                       Function<Observation, V> value, String element,
                                                                       MappingContext ctx) {
        List<Dated<Observation>> dated = results.stream().filter(d -> d.date() != null).toList();
        Optional<V> worst = dated.stream().map(d -> value.apply(d.resource())).max(Comparator.naturalOrder());
        List<Dated<Observation>> unplaced = results.stream().filter(d -> d.date() == null)
                .filter(d -> worst.map(w -> value.apply(d.resource()).compareTo(w) > 0).orElse(true)).toList();
        if (!unplaced.isEmpty()) {
            unplaced.forEach(d -> ctx.issue(d.span().isPresent() ? "imprecise-date" : "missing-date",
                    d.dateElement(), d.reference()));
            return Optional.empty();
        }
        return worst.flatMap(w -> SameTime.saying(dated, o -> value.apply(o).equals(w), value, element, ctx)
                .earliest());
    }
}
