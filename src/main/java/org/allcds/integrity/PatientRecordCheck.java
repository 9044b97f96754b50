package org.allcds.integrity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.EvaluationTime;
import org.allcds.mapping.CalendarZone;
import org.allcds.mapping.ConditionVerification;
import org.allcds.prefetch.PatientData;
import org.allcds.prefetch.PrimitiveCheck;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The identity and integrity step of data contract §2a, between prefetch resolution and mapping, for requests and
 * local data alike: D1 the Patient is the patient in context (else 400 naming where it stood); D3 copies
 * collapse to one; D2 records of another patient or of none are left out; D5 void statuses, and statuses that cannot be
 * read, are left out; D4 records dated after the evaluation time are left out. What D2–D5 leave out is reported as
 * data-quality issues (a void status needs none): how many records of another patient, never whose. Stateless.
 */
public final class PatientRecordCheck {

    public static final String FOREIGN_SUBJECT = "foreign-subject-excluded";
    public static final String DUPLICATE = "duplicate-resource";
    public static final String DATED_AFTER = "dated-after-evaluation-time";
    public static final String INVALID_VALUE = "invalid-value";

    private static final Set<ObservationStatus> VOID_OBSERVATION = Set.of(ObservationStatus.ENTEREDINERROR,
            ObservationStatus.CANCELLED);
    private static final String VERIFICATION_CODE = "Condition.verificationStatus.coding.code";
    private static final Set<ProcedureStatus> VOID_PROCEDURE = Set.of(ProcedureStatus.ENTEREDINERROR,
            ProcedureStatus.NOTDONE);
    /** The statuses D5 reads; a Condition's clinicalStatus is informative only (contract I2) and leaves nothing out. */
    private static final List<String> STATUS_ELEMENTS = List.of("Observation.status", "Procedure.status",
            "Condition.verificationStatus");

    /**
     * @param patientId      {@code context.patientId}; null for local data (a scenario, a file), where the data's
     *                       first Patient is the patient, and without one the subjects cannot be checked
     * @param fhirServer     the request's {@code fhirServer}, under which absolute subject references are accepted
     * @param evaluationDate the evaluation time's date
     */
    public CheckedRecord check(PatientData data, String patientId, String fhirServer, LocalDate evaluationDate) {
        return check(data, patientId, fhirServer, new EvaluationTime(evaluationDate, evaluationDate.toString()));
    }

    /** As above, with the evaluation time as given: a dateTime places the instant a result was issued against it. */
    public CheckedRecord check(PatientData data, String patientId, String fhirServer, EvaluationTime at) {
        return check(data, patientId, fhirServer, at, CalendarZone.AS_WRITTEN);
    }

    /** As above, a record's dateTime compared with the evaluation date by its calendar date in {@code zone} (E9). */
    public CheckedRecord check(PatientData data, String patientId, String fhirServer, EvaluationTime at,
                               CalendarZone zone) {
        Objects.requireNonNull(at, "at");
        LocalDate evaluationDate = at.date();
        Instant lastInstant = ClinicalDate.lastInstant(at, zone);
        List<Duplicates.Kept> unique = Duplicates.collapse(data.resources());
        String patient = patientId != null ? patientId : firstPatientId(unique);
        requireThisPatient(unique, patient);
        SubjectReferences subjects = patient == null ? null : new SubjectReferences(patient, fhirServer, data.resources());
        List<Resource> kept = new ArrayList<>();
        List<Resource> excluded = new ArrayList<>();
        List<Resource> excludedOfThePatient = new ArrayList<>();
        List<DataQualityIssue> issues = new ArrayList<>();
        int foreign = 0;
        for (Duplicates.Kept copy : unique) {
            Resource resource = copy.resource();
            Optional<Reference> subject = subject(resource);
            if (subject.isEmpty()) {
                kept.add(resource); // the Patient, or a type the mapping ignores
                if (resource instanceof Patient && copy.differing()) {
                    // copies that differ may differ in the birth date; identical ones (the Patient in two keys) say nothing
                    duplicateIssue(copy).ifPresent(issues::add);
                }
            } else if (subjects != null && (!subjects.isThisPatient(subject.get()) || aboutAnother(resource, subjects))) {
                excluded.add(resource);
                if (whoseCannotBeTold(resource, subject.get(), subjects, issues)) {
                    excludedOfThePatient.add(resource);
                } else {
                    foreign++;
                }
            } else if (isVoid(resource)) {
                continue; // D5: void, as if never sent
            } else if (unreadableStatus(resource, issues)
                    || datedAfter(resource, evaluationDate, zone, issues) || issuedAfter(resource, lastInstant, at, issues)) {
                // the patient's own, not used: a chart whose ALL records are all such still gets a card naming them
                excluded.add(resource);
                excludedOfThePatient.add(resource);
            } else {
                kept.add(resource);
                duplicateIssue(copy).ifPresent(issues::add);
            }
        }
        if (foreign > 0) {
            issues.add(new DataQualityIssue(FOREIGN_SUBJECT, (foreign == 1 ? "1 record" : foreign + " records")
                    + " of another patient, or naming no patient, ignored", null));
        }
        return new CheckedRecord(new PatientData(kept), issues, new PatientData(excluded),
                new PatientData(excludedOfThePatient));
    }

    /**
     * D2 for a reference that arrives outside the record, such as a draft order's {@code subject}: {@code Patient/{id}}
     * (also {@code …/_history/n}) or the same under {@code fhirServer}. False without a patient in context.
     */
    public static boolean refersToPatient(Reference subject, String patientId, String fhirServer) {
        return patientId != null && new SubjectReferences(patientId, fhirServer, List.of()).isThisPatient(subject);
    }

    /**
     * D1: every Patient in the data is the patient in context; nothing is evaluated otherwise. The error names where
     * the other Patient stood (a Patient inside the observations Bundle is not {@code prefetch.patient}), never its id.
     */
    private static void requireThisPatient(List<Duplicates.Kept> unique, String patientId) {
        Optional<Resource> other = unique.stream().map(Duplicates.Kept::resource).filter(Patient.class::isInstance)
                .filter(p -> !Objects.equals(p.getIdElement().getIdPart(), patientId)).findFirst();
        if (other.isPresent()) {
            throw new InvalidCdsRequestException(where(other.get()) + " is not the patient in context: its id must equal"
                    + " context.patientId.");
        }
    }

    /** Where a resource came from: its place in the request, or the prefetch key a fetch returned it for. */
    private static String where(Resource resource) {
        String location = PatientData.location(resource);
        String key = PatientData.fetchedFor(resource);
        return location != null ? location
                : key != null ? "a Patient the FHIR server returned for prefetch key '" + key + "'" : "prefetch.patient";
    }

    private static String firstPatientId(List<Duplicates.Kept> unique) {
        return unique.stream().map(Duplicates.Kept::resource).filter(Patient.class::isInstance)
                .map(p -> p.getIdElement().getIdPart()).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The subject of the clinical resources the mapping reads (an empty reference when absent); else empty. */
    private static Optional<Reference> subject(Resource resource) {
        if (resource instanceof Observation o) {
            return Optional.of(o.getSubject());
        }
        if (resource instanceof Condition c) {
            return Optional.of(c.getSubject());
        }
        return resource instanceof Procedure p ? Optional.of(p.getSubject()) : Optional.empty();
    }

    /**
     * D2 for a result filed under the patient but about someone else: its focus names another person (a parent's or a
     * donor's count, FHIR's "when it is not the patient of record"). A focus on the patient's own condition, specimen or
     * body structure leaves it the patient's.
     */
    private static boolean aboutAnother(Resource resource, SubjectReferences subjects) {
        return resource instanceof Observation o && o.getFocus().stream().anyMatch(f -> subjects.mayBeAnotherPerson(f, o));
    }

    /**
     * D2 for a record left out as possibly another person's when whose it is cannot be told: named, not counted among
     * another patient's records, since it may be the patient's own relapse or MRD, and the card says which. That is a
     * subject whose reference is not valid FHIR (cleared), or, for a result filed under the patient, a focus that is not
     * valid FHIR or names no resource type (the catalogue's profiles focus on the diagnosis). A readable reference to
     * another patient, or a focus known to be another person, is counted whatever else is unreadable.
     */
    private static boolean whoseCannotBeTold(Resource resource, Reference subject, SubjectReferences subjects,
                                             List<DataQualityIssue> issues) {
        List<String> invalid = PrimitiveCheck.invalidElements(resource);
        if (resource instanceof Observation result
                && result.getFocus().stream().anyMatch(f -> subjects.isAnotherPerson(f, result))) {
            return false;
        }
        if (subjects.isThisPatient(subject)) {
            // left out for a focus that is not valid FHIR or names no type; every unreadable element named (its code too)
            reportInvalid(resource, invalid, issues);
            if (invalid.stream().noneMatch(element -> isElementOf(List.of("Observation.focus"), element))) {
                issues.add(new DataQualityIssue(FOREIGN_SUBJECT, "Observation.focus: its focus may be another person"
                        + " (it names no resource type)", Duplicates.identity(resource)));
            }
            return true;
        }
        // a reference cleared as not FHIR, or a subject of no FHIR shape at all; an identifier is no reference either way
        String subjectElement = resource.fhirType() + ".subject";
        boolean referenceUnread = invalid.stream().anyMatch(e -> e.equals(subjectElement)
                || isElementOf(List.of(subjectElement + ".reference"), e));
        if (subject.hasReference() || !referenceUnread) {
            return false; // another patient's, or naming none
        }
        reportInvalid(resource, invalid, issues);
        return true;
    }

    /** Each of the resource's {@code elements} in an {@code invalid-value} issue, as the mapping names its own. */
    private static void reportInvalid(Resource resource, List<String> elements, List<DataQualityIssue> issues) {
        String identity = Duplicates.identity(resource);
        elements.forEach(element -> issues.add(new DataQualityIssue(INVALID_VALUE, element, identity)));
    }

    /** D5: statuses that say the record is void. */
    static boolean isVoid(Resource resource) {
        if (resource instanceof Observation o) {
            return o.getStatus() != null && VOID_OBSERVATION.contains(o.getStatus());
        }
        if (resource instanceof Procedure p) {
            return p.getStatus() != null && VOID_PROCEDURE.contains(p.getStatus());
        }
        return ConditionVerification.isVoid(resource);
    }

    /**
     * D5 for a status that cannot be read: a value or shape that is not FHIR was cleared ({@link PrimitiveCheck}), and
     * a cleared status may have said {@code entered-in-error}. True, with each invalid element named in an
     * {@code invalid-value} issue as the mapping names those of the records it reads.
     */
    private static boolean unreadableStatus(Resource resource, List<DataQualityIssue> issues) {
        List<String> invalid = new ArrayList<>(PrimitiveCheck.invalidElements(resource));
        if (ConditionVerification.isUnknown(resource)) {
            invalid.add(VERIFICATION_CODE);
        }
        if (invalid.isEmpty() || invalid.stream().noneMatch(PatientRecordCheck::isStatus)) {
            return false;
        }
        reportInvalid(resource, invalid, issues);
        return true;
    }

    private static boolean isStatus(String element) {
        return isElementOf(STATUS_ELEMENTS, element);
    }

    /** True for one of {@code elements} or an element inside one ({@code Observation.subject.reference}). */
    private static boolean isElementOf(List<String> elements, String element) {
        return elements.stream().anyMatch(e -> element.equals(e) || element.startsWith(e + "."));
    }

    /** D4: true (and the input named in an issue) when the resource's clinical date is after the evaluation date. */
    private static boolean datedAfter(Resource resource, LocalDate evaluationDate, CalendarZone zone,
                                      List<DataQualityIssue> issues) {
        Optional<ClinicalDate.Dated> dated = ClinicalDate.of(resource, zone)
                .filter(d -> ClinicalDate.isAfter(d.value(), evaluationDate, zone));
        dated.ifPresent(d -> issues.add(afterIssue(d, evaluationDate.toString(), resource)));
        return dated.isPresent();
    }

    /**
     * D4 for when a result was known: issued after the last instant the evaluation time may mean (its own instant, or
     * for a date the end of that day in the site's zone, else anywhere), so that an instant written in UTC is never
     * moved to another day.
     */
    private static boolean issuedAfter(Resource resource, Instant lastInstant, EvaluationTime at,
                                       List<DataQualityIssue> issues) {
        Optional<ClinicalDate.Dated> issued = ClinicalDate.issued(resource)
                .filter(d -> d.value().getValue() != null && d.value().getValue().toInstant().isAfter(lastInstant));
        issued.ifPresent(d -> issues.add(afterIssue(d, at.asGiven(), resource)));
        return issued.isPresent();
    }

    private static DataQualityIssue afterIssue(ClinicalDate.Dated dated, String evaluationTime, Resource resource) {
        return new DataQualityIssue(DATED_AFTER, dated.element() + " " + dated.value().getValueAsString()
                + " is after the evaluation time " + evaluationTime, Duplicates.identity(resource));
    }

    private static Optional<DataQualityIssue> duplicateIssue(Duplicates.Kept copy) {
        if (copy.copies() < 2) {
            return Optional.empty();
        }
        String detail = copy.copies() + " copies, counted once"
                + (copy.differing() ? "; they differ, the one last updated (meta.lastUpdated) was used" : "");
        return Optional.of(new DataQualityIssue(DUPLICATE, detail, Duplicates.identity(copy.resource())));
    }
}
