package org.allcds.mapping;

import static org.allcds.mapping.Fhir.allDiagnosis;
import static org.allcds.mapping.Fhir.asserted;
import static org.allcds.mapping.Fhir.condition;
import static org.allcds.mapping.Fhir.frontline;
import static org.allcds.mapping.Fhir.mapped;
import static org.allcds.mapping.Fhir.mrd;
import static org.allcds.mapping.Fhir.onset;
import static org.allcds.mapping.Fhir.patient;
import static org.allcds.mapping.Fhir.relapse;
import static org.allcds.mapping.Fhir.wbc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.allcds.facts.AllPatient;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.MissingInput;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis date the record contradicts is not used (C-08): front-line records well before it, a first relapse too
 * soon after it, or an in-remission or in-relapse code's date with nothing to check it against; and a Condition that
 * is not confirmed never dates the diagnosis.
 */
class DiagnosisCheckTest {

    private static final LocalDate EVALUATION = LocalDate.parse("2020-01-01");
    private static final String DIAGNOSED = "2015-02-10";

    private static List<Diagnosis> diagnosis(Resource... resources) {
        return mapped(Diagnosis.class, EVALUATION, resources);
    }

    private static List<DataQualityIssue> contradictions(Resource... resources) {
        return mapped(DataQualityIssue.class, EVALUATION, resources).stream()
                .filter(i -> i.code().equals(DiagnosisCheck.CONTRADICTED)).toList();
    }

    private static Condition inRelapse(String onset) {
        return onset(condition("dx", Codes.icd("C91.02")), onset);
    }

    @Test
    void frontLineTherapyBegunWithinTheWeekBefore_keepsTheDate() {
        assertThat(diagnosis(allDiagnosis("dx", DIAGNOSED),
                frontline("flt", ProcedureStatus.COMPLETED, "2015-02-03", "2017-02-10"))).hasSize(1);
    }

    @Test
    void frontLineTherapyBegunMoreThanAWeekBefore_contradictsTheDate() {
        Resource[] record = {allDiagnosis("dx", DIAGNOSED),
                frontline("flt", ProcedureStatus.COMPLETED, "2015-02-02", "2017-02-10")};

        assertThat(diagnosis(record)).isEmpty();
        assertThat(contradictions(record)).singleElement().satisfies(issue -> {
            assertThat(issue.reference()).isEqualTo("Condition/dx");
            assertThat(issue.cardValue()).isEqualTo("the date of ALL diagnosis (2015-02-10), contradicted by"
                    + " Front-line therapy (2015-02-02), more than 7 days before it");
        });
    }

    @Test
    void frontLineResultsYearsBefore_contradictTheDate_theEarliestNamed() {
        Resource[] record = {inRelapse("2019-08-20"), mrd("eoi", "end-of-induction", "2015-03-10", "0.002", "%"),
                mrd("d8", "day8-pb", "2015-02-18", "0.003", "%")};

        assertThat(diagnosis(record)).isEmpty();
        assertThat(contradictions(record)).singleElement().extracting(DataQualityIssue::detail)
                .isEqualTo("Condition.onsetDateTime: contradicted by Day-8 MRD (2015-02-18), more than 7 days"
                        + " before it");
    }

    /** The diagnosis window's WBC (I4) and a relapse's response results are not front-line records. */
    @Test
    void wbcOfTheDiagnosisWindowAndBlock1Results_doNotContradict() {
        assertThat(diagnosis(allDiagnosis("dx", DIAGNOSED), wbc("wbc", "2015-02-03", "80", "10*9/L"),
                mrd("b1", "relapse-end-block1", "2014-01-01", "0.02", "%"))).hasSize(1);
    }

    @Test
    void firstRelapseFewerThan28DaysAfter_contradictsTheDate() {
        Resource[] record = {allDiagnosis("dx", DIAGNOSED), relapse("rel", "2015-03-09", "isolated-marrow")};

        assertThat(diagnosis(record)).isEmpty();
        assertThat(contradictions(record)).singleElement().extracting(DataQualityIssue::cardValue)
                .isEqualTo("the date of ALL diagnosis (2015-02-10), contradicted by Relapse (2015-03-09), fewer than"
                        + " 28 days after it");
    }

    @Test
    void firstRelapse28DaysAfter_keepsTheDate() {
        assertThat(diagnosis(allDiagnosis("dx", DIAGNOSED), relapse("rel", "2015-03-10", "isolated-marrow")))
                .hasSize(1);
    }

    /** A relapse dated before the diagnosis is edge case E6 (relapse-before-diagnosis), not this check. */
    @Test
    void relapseBeforeTheDate_isLeftToE6() {
        assertThat(diagnosis(allDiagnosis("dx", DIAGNOSED), relapse("rel", "2015-01-10", "isolated-marrow")))
                .hasSize(1);
    }

    @Test
    void inRelapseCodeAlone_withoutFrontLineRecords_doesNotDateTheDiagnosis() {
        Resource[] record = {patient("2011-01-01"), inRelapse("2019-08-20"),
                relapse("rel", "2019-10-20", "isolated-marrow")};

        assertThat(diagnosis(record)).isEmpty();
        assertThat(contradictions(record)).singleElement().extracting(DataQualityIssue::cardValue)
                .isEqualTo("the date of ALL diagnosis (2019-08-20), a date of an in-remission or in-relapse code, and no"
                        + " front-line record to check it");
        // nothing to classify: the rules report diagnosis-date missing
        assertThat(mapped(MissingInput.class, EVALUATION, record)).isEmpty();
    }

    /** A problem-list entry whose code was updated at relapse keeps its onset: with front-line records to check it. */
    @Test
    void inRelapseCodeWithItsOriginalOnset_andFrontLineRecordsAfterIt_datesTheDiagnosis() {
        assertThat(diagnosis(inRelapse(DIAGNOSED),
                frontline("flt", ProcedureStatus.COMPLETED, "2015-02-11", "2017-02-10"),
                relapse("rel", "2019-08-20", "isolated-marrow")))
                .singleElement().extracting(Diagnosis::date).isEqualTo(LocalDate.parse(DIAGNOSED));
    }

    /** A code that names the disease beside the in-relapse code dates it as any ALL diagnosis. */
    @Test
    void inRelapseAndDiseaseCodesTogether_dateTheDiagnosis() {
        Condition both = inRelapse(DIAGNOSED);
        both.getCode().addCoding(new Coding(Codes.SNOMED, "91857003", null));

        assertThat(diagnosis(both)).hasSize(1);
    }

    @Test
    void conditionNotConfirmed_neitherDatesNorMakesTheDiagnosis() {
        for (String status : List.of("provisional", "differential", "unconfirmed")) {
            Condition suspected = asserted(condition("suspected", Codes.icd("C91.00")), "2015-01-20");
            suspected.setVerificationStatus(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status", status, null)));

            assertThat(diagnosis(suspected, allDiagnosis("dx", DIAGNOSED))).as(status)
                    .singleElement().extracting(Diagnosis::reference).isEqualTo("Condition/dx");
            assertThat(diagnosis(suspected)).as(status).isEmpty();
            assertThat(mapped(AllPatient.class, EVALUATION, suspected)).as(status).isEmpty();
        }
    }
}
