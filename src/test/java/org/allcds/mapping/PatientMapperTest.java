package org.allcds.mapping;

import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.data;
import static org.allcds.mapping.Fhir.patient;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.allcds.facts.AgeAtDiagnosis;
import org.allcds.facts.AgeAtEvaluation;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.Patient;
import org.hl7.fhir.r4.model.DateType;
import org.junit.jupiter.api.Test;

class PatientMapperTest {

    private static final LocalDate EVALUATION = LocalDate.parse("2026-03-01");

    @Test
    void fullBirthDate_givesPatientWithSexAndReference() {
        assertThat(PatientMapper.map(data(patient("2016-02-29")), ctx()))
                .contains(new Patient(LocalDate.parse("2016-02-29"), "female", "Patient/pat-1"));
    }

    @Test
    void noGender_givesPatientWithoutSex() {
        org.hl7.fhir.r4.model.Patient resource = patient("2016-02-29");
        resource.setGender(null);
        assertThat(PatientMapper.map(data(resource), ctx())).get().extracting(Patient::sex).isNull();
    }

    @Test
    void yearMonthBirthDate_givesNoPatientAndAnImpreciseDateIssue() {
        org.hl7.fhir.r4.model.Patient resource = patient("2016-02-29");
        resource.setBirthDateElement(new DateType("2016-02"));
        MappingContext ctx = ctx();

        assertThat(PatientMapper.map(data(resource), ctx)).isEmpty();
        assertThat(ctx.issues()).containsExactly(
                new DataQualityIssue("imprecise-date", "Patient.birthDate", "Patient/pat-1"));
    }

    @Test
    void noBirthDate_givesNoPatientAndNoIssue() {
        org.hl7.fhir.r4.model.Patient resource = patient("2016-02-29");
        resource.setBirthDateElement(null);
        MappingContext ctx = ctx();

        assertThat(PatientMapper.map(data(resource), ctx)).isEmpty();
        assertThat(ctx.issues()).isEmpty();
    }

    @Test
    void noPatientResource_givesNoPatient() {
        assertThat(PatientMapper.map(data(), ctx())).isEmpty();
    }

    @Test
    void ageAtDiagnosis_bornOnLeapDay_isTenOnTwentyEighthOfFebruary() {
        // E1
        Patient patient = new Patient(LocalDate.parse("2016-02-29"), "female", "Patient/pat-1");
        Diagnosis diagnosis = new Diagnosis(LocalDate.parse("2026-02-28"), "assertedDate", "Condition/dx");

        assertThat(PatientMapper.ageAtDiagnosis(patient, diagnosis, ctx())).contains(new AgeAtDiagnosis(10, 120));
    }

    @Test
    void ageAtDiagnosis_diagnosisBeforeBirth_givesNoAgeAndAnIssue() {
        Patient patient = new Patient(LocalDate.parse("2016-02-29"), null, "Patient/pat-1");
        Diagnosis diagnosis = new Diagnosis(LocalDate.parse("2015-01-01"), "assertedDate", "Condition/dx");
        MappingContext ctx = ctx();

        assertThat(PatientMapper.ageAtDiagnosis(patient, diagnosis, ctx)).isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsExactly("diagnosis-before-birth");
    }

    @Test
    void ageAtEvaluation_bornOnMonthEnd_countsTheShortMonthAnniversary() {
        Patient patient = new Patient(LocalDate.parse("2021-01-31"), null, "Patient/pat-1");

        assertThat(PatientMapper.ageAtEvaluation(patient, LocalDate.parse("2022-02-28"), ctx()))
                .contains(new AgeAtEvaluation(1, 13));
    }

    @Test
    void ageAtEvaluation_infantOfElevenMonths_isZeroYears() {
        Patient patient = new Patient(LocalDate.parse("2025-03-02"), null, "Patient/pat-1");

        assertThat(PatientMapper.ageAtEvaluation(patient, EVALUATION, ctx())).contains(new AgeAtEvaluation(0, 11));
    }
}
