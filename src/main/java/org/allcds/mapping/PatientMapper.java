package org.allcds.mapping;

import java.time.LocalDate;
import java.util.Optional;
import org.allcds.facts.AgeAtDiagnosis;
import org.allcds.facts.AgeAtEvaluation;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.Patient;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/** I1: birth date and sex, and the ages derived from them (C-01). */
final class PatientMapper {

    private PatientMapper() {
    }

    /** The patient with a full birth date; without one there is no Patient fact (birth-date is missing). */
    static Optional<Patient> map(PatientData data, MappingContext ctx) {
        return data.ofType(org.hl7.fhir.r4.model.Patient.class).stream().findFirst().flatMap(p -> {
            String reference = MappingContext.reference(p);
            return ctx.date(p.getBirthDateElement(), "Patient.birthDate", reference)
                    .map(birthDate -> new Patient(birthDate, sex(p.getGender()), reference));
        });
    }

    private static String sex(AdministrativeGender gender) {
        return gender == null || gender == AdministrativeGender.NULL ? null : gender.toCode();
    }

    static Optional<AgeAtDiagnosis> ageAtDiagnosis(Patient patient, Diagnosis diagnosis, MappingContext ctx) {
        if (diagnosis.date().isBefore(patient.birthDate())) {
            ctx.issue("diagnosis-before-birth", "Condition.extension:assertedDate", diagnosis.reference());
            return Optional.empty();
        }
        return Optional.of(new AgeAtDiagnosis(ClinicalDates.completedYears(patient.birthDate(), diagnosis.date()),
                ClinicalDates.completedMonths(patient.birthDate(), diagnosis.date())));
    }

    static Optional<AgeAtEvaluation> ageAtEvaluation(Patient patient, LocalDate evaluationDate, MappingContext ctx) {
        if (evaluationDate.isBefore(patient.birthDate())) {
            ctx.issue("evaluation-before-birth", "Patient.birthDate", patient.reference());
            return Optional.empty();
        }
        return Optional.of(new AgeAtEvaluation(ClinicalDates.completedYears(patient.birthDate(), evaluationDate),
                ClinicalDates.completedMonths(patient.birthDate(), evaluationDate)));
    }
}
