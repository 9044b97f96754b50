package org.allcds.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allcds.facts.CnsStatus;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.Lineage;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.WbcAtDiagnosis;
import org.allcds.facts.TesticularInvolvement;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * A record as a clinician knows it, for the card's data-quality lines: the concept its code maps to (as the mappers
 * recognise it, site codes included), and its clinical date when it has a full one: "End-of-induction MRD
 * (2024-06-03)". A record of no known concept is named by its resource type.
 */
final class RecordNames {

    private RecordNames() {
    }

    /**
     * Each issue whose reference is a resource of {@code data} (by {@code Type/id} or by {@code fullUrl}), named;
     * the others as they are.
     */
    static List<DataQualityIssue> named(List<DataQualityIssue> issues, PatientData data, MappingContext ctx) {
        if (issues.stream().allMatch(i -> i.reference() == null || i.recordName() != null)) {
            return issues;
        }
        Map<String, Resource> byReference = Resources.byReference(data.resources());
        return issues.stream().map(i -> {
            Resource resource = i.reference() == null || i.recordName() != null ? null : byReference.get(i.reference());
            return resource == null ? i : i.named(of(resource, ctx));
        }).toList();
    }

    static String of(Resource resource, MappingContext ctx) {
        String name = concept(resource, ctx);
        return date(resource, ctx).map(date -> name + " (" + date + ")").orElse(name);
    }

    /**
     * The clinical date as a day (in the site's zone, as the mapping reads it), or as the year or month it gives
     * ("2019-08"): which record, not when exactly.
     */
    static Optional<String> date(Resource resource, MappingContext ctx) {
        BaseDateTimeType value = clinicalDate(resource);
        if (ClinicalDates.isImprecise(value)) {
            return Optional.ofNullable(value.getValueAsString());
        }
        return ctx.calendarDate(value).map(LocalDate::toString);
    }

    private static String concept(Resource resource, MappingContext ctx) {
        String known = null;
        if (resource instanceof Observation observation) {
            known = observation(observation, ctx);
        } else if (resource instanceof Condition condition) {
            known = ctx.matches(condition.getCode(), Codes.ALL_DIAGNOSIS) ? "ALL diagnosis"
                    : ctx.matches(condition.getCode(), Codes.DOWN_SYNDROME) ? "Down syndrome" : null;
        } else if (resource instanceof Procedure procedure) {
            known = ctx.matches(procedure.getCode(), Codes.FRONTLINE_THERAPY) ? "Front-line therapy"
                    : ctx.matches(procedure.getCode(), Codes.ALLOGENEIC_HSCT) ? "Allogeneic HSCT" : null;
        }
        return known != null ? known : resource.fhirType();
    }

    private static String observation(Observation observation, MappingContext ctx) {
        CodeableConcept code = observation.getCode();
        if (ctx.matches(code, Codes.WBC)) {
            return WbcAtDiagnosis.RECORD_NAME;
        }
        if (ctx.matches(code, Codes.MRD)) {
            return atTimepoint(observation, ctx, "MRD");
        }
        if (ctx.matches(code, Codes.MARROW_BLASTS)) {
            return atTimepoint(observation, ctx, "marrow blasts");
        }
        if (ctx.matches(code, Codes.RELAPSE)) {
            return "Relapse";
        }
        if (ctx.matches(code, Codes.GENETIC_SUBTYPE) || ctx.matches(code, Codes.FISH_TESTS.keySet())) {
            return GeneticFinding.RECORD_NAME;
        }
        if (ctx.matches(code, Codes.IMMUNOPHENOTYPE)) {
            return Lineage.RECORD_NAME;
        }
        if (ctx.matches(code, Codes.CNS_STATUS)) {
            return CnsStatus.RECORD_NAME;
        }
        return ctx.matches(code, Codes.TESTICULAR) ? TesticularInvolvement.RECORD_NAME : null;
    }

    /**
     * "End-of-induction MRD", of another specimen than its timepoint's "End-of-induction MRD in blood"; without a
     * readable timepoint, "MRD" ("Marrow blasts").
     */
    private static String atTimepoint(Observation observation, MappingContext ctx, String what) {
        return Timepoints.timepoint(observation, ctx)
                .map(t -> t.words() + " " + what + ctx.specimens().named(observation, t, ctx))
                .orElse(Character.toUpperCase(what.charAt(0)) + what.substring(1));
    }

    /** The clinical date the integrity step and the mappers read; null when the record has none. */
    private static BaseDateTimeType clinicalDate(Resource resource) {
        if (resource instanceof Observation observation) {
            return Resources.effective(observation);
        }
        if (resource instanceof Procedure procedure) {
            return Resources.performed(procedure);
        }
        if (resource instanceof Condition condition) {
            List<Extension> asserted = condition.getExtensionsByUrl(Codes.ASSERTED_DATE_URL);
            if (asserted.size() == 1 && asserted.get(0).getValue() instanceof BaseDateTimeType value) {
                return value;
            }
            return condition.getOnset() instanceof BaseDateTimeType onset ? onset : condition.getRecordedDateElement();
        }
        return null;
    }
}
