package org.allcds.integrity;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import tools.jackson.databind.json.JsonMapper;

/**
 * FHIR fixtures for the integrity step, built in code and sent through JSON and the local prefetch reader, so that
 * Bundle entries (fullUrls) reach the step exactly as they would from a request.
 */
final class Records {

    static final String LOCAL = "https://all-cds.org/fhir/CodeSystem/all-cds";
    static final String LOINC = "http://loinc.org";
    static final String ME = "Patient/p1";
    static final String OTHER = "Patient/p2";

    private Records() {
    }

    /** A Bundle entry: a resource and, optionally, its fullUrl. */
    record Entry(String fullUrl, Resource resource) {
    }

    static Entry entry(String fullUrl, Resource resource) {
        return new Entry(fullUrl, resource);
    }

    static PatientData data(Object... items) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Object item : items) {
            Entry entry = item instanceof Entry e ? e : new Entry(null, (Resource) item);
            bundle.addEntry().setFullUrl(entry.fullUrl()).setResource(entry.resource());
        }
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
        return new PatientData(new LocalPrefetch().resources(JsonMapper.builder().build().readTree(json), "test"));
    }

    static List<Resource> concat(List<? extends Resource> a, Resource... more) {
        List<Resource> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    static Patient patient(String id) {
        Patient patient = new Patient().setBirthDateElement(new DateType("2015-05-01")).setGender(AdministrativeGender.FEMALE);
        patient.setId(id);
        return patient;
    }

    static Condition diagnosis(String id, String subject, String assertedDate) {
        Condition condition = new Condition().setCode(concept(LOCAL, "b-all")).setSubject(reference(subject));
        condition.addExtension(ClinicalDate.ASSERTED_DATE_URL, new DateTimeType(assertedDate));
        condition.setId(id);
        return condition;
    }

    static Observation observation(String id, String subject, String system, String code, String effective) {
        Observation observation = new Observation().setStatus(ObservationStatus.FINAL).setCode(concept(system, code))
                .setSubject(reference(subject));
        if (effective != null) {
            observation.setEffective(new DateTimeType(effective));
        }
        observation.setId(id);
        return observation;
    }

    static Observation wbc(String id, String subject, String effective, String value) {
        return observation(id, subject, LOINC, "6690-2", effective)
                .setValue(new Quantity().setValue(new BigDecimal(value)).setSystem("http://unitsofmeasure.org").setCode("10*9/L"));
    }

    static Observation bcrAbl1(String id, String subject, String effective) {
        return observation(id, subject, LOCAL, "genetic-subtype", effective).setValue(concept(LOCAL, "bcr-abl1"));
    }

    static Observation relapse(String id, String subject, String effective) {
        Observation relapse = observation(id, subject, LOCAL, "relapse", effective);
        relapse.addComponent().setCode(concept(LOCAL, "relapse-site")).setValue(concept(LOCAL, "isolated-marrow"));
        return relapse;
    }

    static Observation mrd(String id, String subject, String effective, String percent) {
        Observation mrd = observation(id, subject, LOCAL, "mrd", effective)
                .setValue(new Quantity().setValue(new BigDecimal(percent)).setSystem("http://unitsofmeasure.org").setCode("%"));
        mrd.addComponent().setCode(concept(LOCAL, "timepoint")).setValue(concept(LOCAL, "end-of-induction"));
        return mrd;
    }

    static Procedure hsct(String id, String subject, String start) {
        Procedure procedure = new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED)
                .setCode(concept(LOCAL, "allogeneic-hsct")).setSubject(reference(subject))
                .setPerformed(new Period().setStartElement(new DateTimeType(start)));
        procedure.setId(id);
        return procedure;
    }

    static CodeableConcept concept(String system, String code) {
        return new CodeableConcept().addCoding(new Coding(system, code, null));
    }

    private static Reference reference(String subject) {
        return subject == null ? null : new Reference(subject);
    }
}
