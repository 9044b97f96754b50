package org.allcds.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/** Small builders for the FHIR fixtures of the mapping tests. Dates are FHIR strings, as an EHR would send them. */
final class Fhir {

    private Fhir() {
    }

    static PatientData data(Resource... resources) {
        return new PatientData(List.of(resources));
    }

    /** The facts of one type that the whole mapping produces. */
    static <T> List<T> mapped(Class<T> type, LocalDate evaluationDate, Resource... resources) {
        return mapped(CalendarZone.AS_WRITTEN, type, evaluationDate, resources);
    }

    /** As {@link #mapped(Class, LocalDate, Resource...)}, each dateTime's calendar date taken in {@code zone}. */
    static <T> List<T> mapped(CalendarZone zone, Class<T> type, LocalDate evaluationDate, Resource... resources) {
        return new FactMapper().map(data(resources), evaluationDate, zone).stream()
                .filter(type::isInstance).map(type::cast).toList();
    }

    static MappingContext ctx() {
        return new MappingContext(ConceptTranslator.IDENTITY);
    }

    static CodeableConcept concept(Code code) {
        return new CodeableConcept().addCoding(new Coding(code.system(), code.code(), null));
    }

    static Patient patient(String birthDate) {
        Patient patient = new Patient();
        patient.setId("pat-1");
        patient.setBirthDateElement(new DateType(birthDate));
        patient.setGender(AdministrativeGender.FEMALE);
        return patient;
    }

    // Conditions

    static Condition condition(String id, Code code) {
        Condition condition = new Condition().setCode(concept(code));
        condition.setId(id);
        return condition;
    }

    static Condition allDiagnosis(String id, String assertedDate) {
        return asserted(condition(id, Codes.local("b-all")), assertedDate);
    }

    static Condition asserted(Condition condition, String dateTime) {
        condition.addExtension(Codes.ASSERTED_DATE_URL, new DateTimeType(dateTime));
        return condition;
    }

    static Condition onset(Condition condition, String dateTime) {
        return condition.setOnset(new DateTimeType(dateTime));
    }

    static Condition recorded(Condition condition, String dateTime) {
        condition.setRecordedDateElement(new DateTimeType(dateTime));
        return condition;
    }

    // Observations

    static Observation observation(String id, Code code, String effective) {
        Observation observation = new Observation().setStatus(ObservationStatus.FINAL).setCode(concept(code));
        observation.setId(id);
        if (effective != null) {
            observation.setEffective(new DateTimeType(effective));
        }
        return observation;
    }

    /** The result with another Observation.status ("preliminary", "corrected", …). */
    static Observation status(Observation observation, String status) {
        return observation.setStatus(ObservationStatus.fromCode(status));
    }

    static Observation quantity(Observation observation, String value, String ucum) {
        return observation.setValue(new Quantity().setValue(new BigDecimal(value))
                .setSystem(Codes.UCUM).setCode(ucum).setUnit(ucum));
    }

    static Observation comparator(Observation observation, String comparator) {
        observation.getValueQuantity().setComparator(Quantity.QuantityComparator.fromCode(comparator));
        return observation;
    }

    static Observation coded(Observation observation, Code value) {
        return observation.setValue(concept(value));
    }

    static Observation flag(Observation observation, boolean value) {
        return observation.setValue(new BooleanType(value));
    }

    /** A value written as text, as feeds send what they cannot code. */
    static Observation text(Observation observation, String value) {
        return observation.setValue(new org.hl7.fhir.r4.model.StringType(value));
    }

    static Observation component(Observation observation, Code code, Type value) {
        observation.addComponent().setCode(concept(code)).setValue(value);
        return observation;
    }

    static Observation component(Observation observation, Code code, Code value) {
        return component(observation, code, concept(value));
    }

    static Observation wbc(String id, String effective, String value, String ucum) {
        return quantity(observation(id, Codes.loinc("6690-2"), effective), value, ucum);
    }

    static Observation mrd(String id, String timepoint, String effective, String value, String ucum) {
        Observation mrd = quantity(observation(id, Codes.local("mrd"), effective), value, ucum);
        return component(mrd, Codes.TIMEPOINT, Codes.local(timepoint));
    }

    static Observation blasts(String id, String timepoint, String effective, String value) {
        Observation blasts = quantity(observation(id, Codes.local("marrow-blasts"), effective), value, "%");
        return component(blasts, Codes.TIMEPOINT, Codes.local(timepoint));
    }

    static Observation relapse(String id, String effective, String site) {
        Observation relapse = observation(id, Codes.local("relapse"), effective);
        return site == null ? relapse : component(relapse, Codes.RELAPSE_SITE, Codes.local(site));
    }

    static Observation relapseNumber(Observation relapse, int number) {
        return component(relapse, Codes.RELAPSE_NUMBER, new IntegerType(number));
    }

    // Procedures

    static Procedure procedure(String id, Code code, ProcedureStatus status) {
        Procedure procedure = new Procedure().setStatus(status).setCode(concept(code));
        procedure.setId(id);
        return procedure;
    }

    /** A front-line therapy record with its period (a null start or end is left out). */
    static Procedure frontline(String id, ProcedureStatus status, String start, String end) {
        Period period = new Period();
        if (start != null) {
            period.setStartElement(new DateTimeType(start));
        }
        if (end != null) {
            period.setEndElement(new DateTimeType(end));
        }
        return procedure(id, Codes.local("frontline-therapy"), status).setPerformed(period);
    }

    /** A completed allogeneic HSCT, performed at that date (none when null). */
    static Procedure hsct(String id, String performed) {
        Procedure hsct = procedure(id, Codes.local("allogeneic-hsct"), ProcedureStatus.COMPLETED);
        return performed == null ? hsct : hsct.setPerformed(new DateTimeType(performed));
    }
}
