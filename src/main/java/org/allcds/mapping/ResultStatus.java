package org.allcds.mapping;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.allcds.facts.DataQualityCodes;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;

/**
 * Observation.status beyond the void statuses the integrity step leaves out (contract D5: entered-in-error,
 * cancelled). A {@code registered} or {@code preliminary} result is not yet the lab's result: it is never used for a
 * decision. Where it is, or may be, the result an input is taken from (the most recent MRD of its timepoint, the
 * earliest WBC at diagnosis, a CNS status that may be CNS3), the input counts as not yet available and the record is
 * named ({@code preliminary-result}); an older one that a later final result outranks anyway changes nothing. A final,
 * amended or corrected result of the same concept and time replaces it: they are one result reported twice, not rivals.
 * {@code unknown} (the source does not know which status applies) and a status not sent are used, as before.
 */
final class ResultStatus {

    static final String PRELIMINARY = DataQualityCodes.PRELIMINARY_RESULT;
    private static final String ELEMENT = "Observation.status ";
    private static final Set<ObservationStatus> PENDING = EnumSet.of(ObservationStatus.REGISTERED,
            ObservationStatus.PRELIMINARY);
    private static final Set<ObservationStatus> FINAL = EnumSet.of(ObservationStatus.FINAL, ObservationStatus.AMENDED,
            ObservationStatus.CORRECTED);

    private ResultStatus() {
    }

    /** True for a result not yet final: registered or preliminary. */
    static boolean pending(Observation result) {
        return PENDING.contains(result.getStatus());
    }

    /**
     * The observations without the pending results that a final-class result of the same concept and time replaces
     * (the lab's preliminary report and its final one, sent under two ids). Pending results of another time stay: the
     * mapping of each input decides whether they may be the one it is taken from.
     */
    static List<Observation> withoutSuperseded(List<Observation> observations, MappingContext ctx) {
        if (observations.stream().noneMatch(ResultStatus::pending)) {
            return observations;
        }
        SameTime.ByDay<Observation> finals = new SameTime.ByDay<>(observations.stream()
                .filter(o -> FINAL.contains(o.getStatus())).map(o -> placed(o, ctx)).toList());
        return observations.stream().filter(o -> !pending(o) || !superseded(placed(o, ctx), finals, ctx)).toList();
    }

    /** True when a final-class result of the same concept and time (and timepoint, for MRD and marrow blasts) exists. */
    private static boolean superseded(Dated<Observation> pending, SameTime.ByDay<Observation> finals, MappingContext ctx) {
        return finals.ofTheTimeOf(pending).stream()
                .anyMatch(f -> ctx.sameConcept(f.resource().getCode(), pending.resource().getCode())
                        && Objects.equals(Timepoints.timepoint(f.resource(), ctx), Timepoints.timepoint(pending.resource(), ctx)));
    }

    /** The result's time, without reporting a date of a year or month here: the input's mapping reports it. */
    private static Dated<Observation> placed(Observation o, MappingContext ctx) {
        return Dated.placeable(o, Resources.effective(o), "Observation.effective[x]", ctx);
    }

    /**
     * True, each pending one named, when any of {@code deciding} (the results an input is taken from, or that may be it)
     * is pending: the input is not yet available, and no other result stands in for it.
     */
    static boolean awaited(Collection<Dated<Observation>> deciding, MappingContext ctx) {
        List<Dated<Observation>> pending = deciding.stream().filter(d -> pending(d.resource())).toList();
        pending.forEach(d -> name(d.resource(), ctx));
        return !pending.isEmpty();
    }

    /** Names a pending result that is not used: the card says it is not yet final. */
    static void name(Observation result, MappingContext ctx) {
        ctx.issue(PRELIMINARY, ELEMENT + result.getStatus().toCode(), MappingContext.reference(result));
    }

    /** The results that are final (or of a status that does not say otherwise). */
    static List<Dated<Observation>> settled(Collection<Dated<Observation>> results) {
        return results.stream().filter(d -> !pending(d.resource())).toList();
    }
}
