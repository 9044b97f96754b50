package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Data-contract §2a over the whole scenario corpus: another patient's data (D2), a second copy of a resource (D3),
 * results dated after the evaluation time (D4) and retracted ones (D5) never change a finding. To every author scenario's
 * record, a changed copy of each of its Conditions, Observations and Procedures is added (quantities times ten plus one,
 * dates a day later) in one of those four ways at a time: the findings are those of the record alone, the data-quality
 * ones too, each on its card, but for those that report the copies. The same copies made the patient's own change the
 * findings of many records, so a copy that got through would show.
 */
class RecordIntegrityTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** How a copy is added: four ways the contract says never count, and the control. */
    private enum Way { ANOTHER_PATIENT, SAME_RESOURCE_AGAIN, AFTER_EVALUATION_TIME, ENTERED_IN_ERROR, THE_PATIENTS_OWN }

    private static final Set<Way> NEVER_COUNT = EnumSet.complementOf(EnumSet.of(Way.THE_PATIENTS_OWN));

    /** The data-quality codes that report copies which do not count (D2, D3, D4; a retracted one is reported by none). */
    private static final Set<String> REPORT_THE_COPIES = Set.of("foreign-subject-excluded", "duplicate-resource",
            "dated-after-evaluation-time");

    /** Copies of all four ways at once; only a record whose findings they change is run again way by way, to name it. */
    @Test
    void copiesThatDoNotCount_neverChangeAFinding_whileThePatientsOwnDo() {
        ScenarioRecords records = ScenarioRecords.bundled();
        List<String> changed = new ArrayList<>();
        int changedByOwn = 0;
        for (ScenarioRecords.Record record : records.records()) {
            List<String> alone = withOwnDataQuality(record.findings());
            if (!withOwnDataQuality(records.findings(record, withCopies(record, NEVER_COUNT))).equals(alone)) {
                for (Way way : NEVER_COUNT) {
                    List<String> withCopies = withOwnDataQuality(records.findings(record, withCopies(record, EnumSet.of(way))));
                    if (!withCopies.equals(alone)) {
                        changed.add(record.file() + ", copies as " + way + ": lost " + without(alone, withCopies)
                                + ", gained " + without(withCopies, alone));
                    }
                }
                changed.add(record.file() + ": changed by the four kinds of copies together");
            }
            changedByOwn += records.clinical(record, withCopies(record, EnumSet.of(Way.THE_PATIENTS_OWN))).equals(alone) ? 0 : 1;
        }
        assertThat(records.records()).as("records run with copies").hasSizeGreaterThan(100);
        assertThat(changed).as("records whose findings copies that do not count changed").isEmpty();
        assertThat(changedByOwn).as("records whose findings the patient's own copies changed").isGreaterThan(40);
    }

    /**
     * What the findings say clinically, and the data-quality findings of the patient's own records on the card each is
     * on: a copy that does not count must not take the patient's own reason off a card (an order card's result not yet
     * final), nor move it to another card.
     */
    private static List<String> withOwnDataQuality(List<ExplainedFinding> findings) {
        List<String> said = new ArrayList<>(ScenarioRecords.clinical(findings));
        findings.stream().map(ExplainedFinding::finding)
                .filter(f -> f.type().equals("data-quality") && !REPORT_THE_COPIES.contains(f.value()))
                .map(f -> "data-quality " + f.value() + " on " + f.card()).sorted().forEach(said::add);
        return said;
    }

    private static List<String> without(List<String> these, List<String> those) {
        return these.stream().filter(s -> !those.contains(s)).toList();
    }

    /**
     * The order the EHR lists resources in is no evidence either: each record, with a rival for each Observation with a
     * value (the same time, another value, another id) and its resources shuffled (three seeds), gives the same findings
     * in every order. Which of two competing results counts must not fall to whichever came first.
     */
    @Test
    void theOrderOfTheRecord_neverChangesAFinding() {
        ScenarioRecords records = ScenarioRecords.bundled();
        List<String> changed = new ArrayList<>();
        for (ScenarioRecords.Record record : records.records()) {
            List<Resource> competing = new ArrayList<>(record.data().resources());
            for (Resource resource : record.data().resources()) {
                if (resource instanceof Observation o && o.hasValueQuantity()) {
                    Observation rival = o.copy();
                    rival.setId(o.getIdElement().getIdPart() + "-rival");
                    rival.getValueQuantity().setValue(changed(o.getValueQuantity().getValue()));
                    competing.add(rival);
                }
            }
            List<String> asListed = records.clinical(record, competing);
            for (long seed = 1; seed <= 3; seed++) {
                List<Resource> shuffled = new ArrayList<>(competing);
                Collections.shuffle(shuffled, new Random(seed));
                List<String> now = records.clinical(record, shuffled);
                if (!now.equals(asListed)) {
                    changed.add(record.file() + ", seed " + seed + ": " + asListed + " became " + now);
                }
            }
        }
        assertThat(changed).as("records whose findings depend on the order of their resources").isEmpty();
    }

    /** The record's resources, each Condition, Observation and Procedure followed by a changed copy added each of {@code ways}. */
    private static List<Resource> withCopies(ScenarioRecords.Record record, Set<Way> ways) {
        LocalDate evaluation = EvaluationTimes.parse(record.scenario().evaluationTime()).date();
        List<Resource> resources = new ArrayList<>();
        for (Resource resource : record.data().resources()) {
            resources.add(resource);
            if (resource instanceof Condition || resource instanceof Observation || resource instanceof Procedure) {
                // a resource with neither id nor fullUrl can be sent again only as another resource (D3)
                boolean identifiable = resource.getIdElement().hasIdPart() || PatientData.fullUrl(resource) != null;
                ways.stream().filter(way -> identifiable || way != Way.SAME_RESOURCE_AGAIN)
                        .forEach(way -> resources.add(copy(resource, way, evaluation)));
            }
        }
        return resources;
    }

    private static Resource copy(Resource original, Way way, LocalDate evaluation) {
        Resource copy = original.copy();
        FhirTerser terser = FHIR.newTerser();
        for (Quantity quantity : terser.getAllPopulatedChildElementsOfType(copy, Quantity.class)) {
            if (quantity.hasValue()) {
                quantity.setValue(changed(quantity.getValue()));
            }
        }
        if (way == Way.AFTER_EVALUATION_TIME) {
            dateIfUndated(copy, new DateTimeType(evaluation.plusDays(2).toString()));
        }
        for (BaseDateTimeType date : terser.getAllPopulatedChildElementsOfType(copy, BaseDateTimeType.class)) {
            if (way == Way.AFTER_EVALUATION_TIME) {
                date.setValueAsString(date instanceof InstantType ? evaluation.plusDays(2) + "T00:00:00Z"
                        : evaluation.plusDays(2).toString());
            } else {
                date.add(Calendar.DATE, 1);
            }
        }
        if (way == Way.SAME_RESOURCE_AGAIN) {
            copy.getMeta().setLastUpdatedElement(null); // the original stays the copy to use (D3)
        } else {
            copy.setId(original.getIdElement().getIdPart() + "-" + way.name().toLowerCase(Locale.ROOT));
        }
        if (way == Way.ANOTHER_PATIENT) {
            setSubject(copy, new Reference("Patient/someone-else"));
        }
        if (way == Way.ENTERED_IN_ERROR) {
            retract(copy);
        }
        return copy;
    }

    /**
     * Dated after the evaluation time, as the way says: an undated copy would be another undated result, and a procedure
     * dated by the end of its period only another procedure without a date (the contract dates it by its start).
     */
    private static void dateIfUndated(Resource copy, DateTimeType after) {
        if (copy instanceof Observation result && !result.hasEffective()) {
            result.setEffective(after);
        } else if (copy instanceof Procedure procedure && !procedure.hasPerformedDateTimeType()
                && !(procedure.hasPerformedPeriod() && procedure.getPerformedPeriod().hasStart())) {
            procedure.setPerformed(after);
        }
    }

    /** Another value of the same unit: ten times and one more, so no threshold sees it as the original. */
    private static BigDecimal changed(BigDecimal value) {
        return value.multiply(BigDecimal.TEN).add(BigDecimal.ONE);
    }

    private static void setSubject(Resource resource, Reference subject) {
        if (resource instanceof Observation o) {
            o.setSubject(subject);
        } else if (resource instanceof Condition c) {
            c.setSubject(subject);
        } else if (resource instanceof Procedure p) {
            p.setSubject(subject);
        }
    }

    private static void retract(Resource resource) {
        if (resource instanceof Observation o) {
            o.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        } else if (resource instanceof Condition c) {
            c.setVerificationStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error", null)));
        } else if (resource instanceof Procedure p) {
            p.setStatus(Procedure.ProcedureStatus.ENTEREDINERROR);
        }
    }
}
