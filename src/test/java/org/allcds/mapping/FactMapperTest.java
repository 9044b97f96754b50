package org.allcds.mapping;

import static org.allcds.mapping.Fhir.allDiagnosis;
import static org.allcds.mapping.Fhir.blasts;
import static org.allcds.mapping.Fhir.coded;
import static org.allcds.mapping.Fhir.component;
import static org.allcds.mapping.Fhir.condition;
import static org.allcds.mapping.Fhir.data;
import static org.allcds.mapping.Fhir.flag;
import static org.allcds.mapping.Fhir.frontline;
import static org.allcds.mapping.Fhir.hsct;
import static org.allcds.mapping.Fhir.mapped;
import static org.allcds.mapping.Fhir.mrd;
import static org.allcds.mapping.Fhir.observation;
import static org.allcds.mapping.Fhir.patient;
import static org.allcds.mapping.Fhir.quantity;
import static org.allcds.mapping.Fhir.relapse;
import static org.allcds.mapping.Fhir.wbc;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.allcds.facts.AgeAtDiagnosis;
import org.allcds.facts.AllDiagnosisToConfirm;
import org.allcds.facts.AllPatient;
import org.allcds.facts.AgeAtEvaluation;
import org.allcds.facts.CnsClass;
import org.allcds.facts.CnsStatus;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Diagnosis;
import org.allcds.facts.DownSyndrome;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.FrontlineTherapy;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.Hsct;
import org.allcds.facts.Lineage;
import org.allcds.facts.LineageAtDiagnosis;
import org.allcds.facts.MarrowBlasts;
import org.allcds.facts.Mrd;
import org.allcds.facts.Input;
import org.allcds.facts.MissingInput;
import org.allcds.facts.NoAllCondition;
import org.allcds.facts.Patient;
import org.allcds.facts.Relapse;
import org.allcds.facts.RelapseTiming;
import org.allcds.facts.RuleConfig;
import org.allcds.facts.TesticularInvolvement;
import org.allcds.facts.WbcAtDiagnosis;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class FactMapperTest {

    private static final LocalDate EVALUATION = LocalDate.parse("2024-01-01");
    private static final String LAB = "http://lab.example.org/codes";

    /** A relapsed patient with every input I1–I13. */
    private static List<Resource> everyInput() {
        return List.of(
                patient("2014-05-20"),
                allDiagnosis("dx", "2019-08-31"),
                condition("ds", Codes.icd("Q90.9")),
                component(coded(observation("ip", Codes.loinc("101119-6"), "2019-09-01"), Codes.local("b-lineage")),
                        Codes.CD19, Codes.local("positive")),
                wbc("wbc", "2019-08-30", "62000", "/uL"),
                coded(observation("cns", Codes.local("cns-status"), "2019-09-02"), Codes.local("cns1")),
                flag(observation("testis", Codes.local("testicular-involvement"), "2019-09-02"), false),
                coded(observation("gen", Codes.local("genetic-subtype"), "2019-09-10"), Codes.local("etv6-runx1")),
                mrd("eoi", "end-of-induction", "2019-09-28", "0.0001", "1"),
                blasts("bl", "end-of-induction", "2019-09-28", "2"),
                relapse("rel", "2021-02-28", "isolated-marrow"),
                frontline("flt", ProcedureStatus.INPROGRESS, "2019-09-01", "2022-01-01"),
                hsct("hsct", "2021-09-01"));
    }

    @Test
    void everyInput_givesEveryFactInAFixedOrder() {
        List<Object> facts = new FactMapper().map(new org.allcds.prefetch.PatientData(everyInput()), EVALUATION);

        assertThat(facts).extracting(Object::getClass).containsExactly(AllPatient.class, Patient.class, Diagnosis.class,
                AgeAtDiagnosis.class, AgeAtEvaluation.class, Lineage.class, LineageAtDiagnosis.class,
                WbcAtDiagnosis.class, CnsStatus.class,
                TesticularInvolvement.class, GeneticFinding.class, Mrd.class, MarrowBlasts.class, Relapse.class,
                RelapseTiming.class, FrontlineTherapy.class, Hsct.class, DownSyndrome.class, MissingInput.class);
        assertThat(facts).filteredOn(MissingInput.class::isInstance).extracting(f -> ((MissingInput) f).name())
                .as("the record has no day-8 MRD").containsExactly("day8-mrd");
    }

    @Test
    void missingInputs_areNamedOnceForAnAllDiagnosis_testisUnlessAGirl() {
        // the ALL diagnosis code implies the lineage, so only the lineage is not missing
        assertThat(mapped(MissingInput.class, EVALUATION, allDiagnosis("dx", "2019-08-31")))
                .extracting(MissingInput::name).containsExactly("birth-date", "wbc-at-diagnosis",
                        "genetic-subtype", "day8-mrd", "end-of-induction-mrd", "cns-status");
        assertThat(mapped(MissingInput.class, EVALUATION, patient("2014-05-20"), allDiagnosis("dx", "2019-08-31")))
                .extracting(MissingInput::input).doesNotContain(Input.BIRTH_DATE, Input.TESTICULAR_INVOLVEMENT);
        org.hl7.fhir.r4.model.Patient boy = patient("2014-05-20");
        boy.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);
        assertThat(mapped(MissingInput.class, EVALUATION, boy, allDiagnosis("dx", "2019-08-31")))
                .extracting(MissingInput::input).contains(Input.TESTICULAR_INVOLVEMENT);
        for (org.hl7.fhir.r4.model.Enumerations.AdministrativeGender sex : new org.hl7.fhir.r4.model.Enumerations
                .AdministrativeGender[] {null, org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.UNKNOWN}) {
            org.hl7.fhir.r4.model.Patient child = patient("2014-05-20").setGender(sex);
            assertThat(mapped(MissingInput.class, EVALUATION, child, allDiagnosis("dx", "2019-08-31")))
                    .as("sex %s: only a girl has no testes to examine", sex)
                    .extracting(MissingInput::input).contains(Input.TESTICULAR_INVOLVEMENT);
        }
        assertThat(mapped(MissingInput.class, EVALUATION, patient("2014-05-20"), wbc("wbc", "2019-08-30", "62000", "/uL")))
                .as("no diagnosis: nothing to classify, so nothing is missing").isEmpty();
        assertThat(mapped(MissingInput.class, EVALUATION, patient("2014-05-20"), allDiagnosis("dx", "2019-08-31"),
                coded(observation("fish", Codes.loinc("77039-6"), "2019-09-10"), Codes.FISH_ABSENT)))
                .as("one negative FISH leaves the other subtypes unknown").extracting(MissingInput::input)
                .contains(Input.GENETIC_SUBTYPE);
        assertThat(mapped(MissingInput.class, EVALUATION, patient("2014-05-20"), allDiagnosis("dx", "2019-08-31"),
                coded(observation("gen", Codes.local("genetic-subtype"), "2019-09-10"), Codes.local("none-detected"))))
                .extracting(MissingInput::input).doesNotContain(Input.GENETIC_SUBTYPE);
        assertThat(mapped(MissingInput.class, EVALUATION, patient("2020-01-01"), allDiagnosis("dx", "2019-08-31")))
                .as("born after the diagnosis: no age, so the birth date decides nothing yet")
                .extracting(MissingInput::input).contains(Input.BIRTH_DATE);
    }

    @Test
    void sameResourcesInAnotherOrder_giveTheSameFacts() {
        List<Resource> reversed = new ArrayList<>(everyInput());
        Collections.reverse(reversed);

        assertThat(new FactMapper().map(new org.allcds.prefetch.PatientData(reversed), EVALUATION))
                .isEqualTo(new FactMapper().map(new org.allcds.prefetch.PatientData(everyInput()), EVALUATION));
    }

    @Test
    void neverAddsEvaluationTimeOrRuleConfig() {
        assertThat(new FactMapper().map(new org.allcds.prefetch.PatientData(everyInput()), EVALUATION))
                .noneMatch(f -> f instanceof EvaluationTime || f instanceof RuleConfig);
    }

    @Test
    void everyAllSpecificInput_isEvidenceOfAnAllPatient() {
        assertThat(mapped(AllPatient.class, EVALUATION, everyInput().toArray(Resource[]::new)))
                .extracting(AllPatient::evidence).containsExactly(List.of("all-diagnosis", "lineage", "cns-status",
                        "testicular-involvement", "genetic-subtype", "mrd", "relapse", "frontline-therapy"));
    }

    @Test
    void anUndatedAllDiagnosisOrAnUnusableMrd_stillShowsAnAllPatient() {
        assertThat(mapped(AllPatient.class, EVALUATION, condition("dx", Codes.snomed("91857003"))))
                .extracting(AllPatient::evidence).containsExactly(List.of("all-diagnosis"));
        assertThat(mapped(AllPatient.class, EVALUATION, mrd("m", "end-of-induction", "2020-04-07", "0.5", "g/L")))
                .extracting(AllPatient::evidence).containsExactly(List.of("mrd"));
    }

    /**
     * ALL results without any ALL diagnosis Condition lack the diagnosis record itself; a Condition that is there, even
     * undated or not yet confirmed, is a record to date or confirm; a chart of no ALL patient lacks nothing.
     */
    @Test
    void anAllPatientWithoutAnyAllCondition_isToldApartFromAConditionWithoutAUsableDate() {
        Observation mrd = mrd("m", "end-of-induction", "2020-04-07", "0.01", "%");
        Condition provisional = condition("suspected", Codes.snomed("91857003"));
        provisional.setVerificationStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "provisional", null)));

        assertThat(mapped(NoAllCondition.class, EVALUATION, mrd, wbc("wbc", "2020-03-10", "8.0", "10*9/L"))).hasSize(1);
        assertThat(mapped(NoAllCondition.class, EVALUATION, mrd, condition("dx", Codes.snomed("91857003")))).isEmpty();
        assertThat(mapped(NoAllCondition.class, EVALUATION, mrd, provisional)).isEmpty();
        assertThat(mapped(NoAllCondition.class, EVALUATION, wbc("wbc", "2020-03-10", "8.0", "10*9/L"))).isEmpty();
    }

    /**
     * ALL results beside ALL Conditions that are all not confirmed (provisional, differential, unconfirmed) lack a
     * confirmed diagnosis, not the record nor its date; a confirmed Condition beside them, no ALL Condition at all, or no
     * ALL result leaves nothing to confirm.
     */
    @Test
    void anAllPatientWithOnlyConditionsNotConfirmed_hasADiagnosisToConfirm() {
        Observation mrd = mrd("m", "end-of-induction", "2020-04-07", "0.01", "%");

        for (String status : List.of("provisional", "differential", "unconfirmed")) {
            assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, mrd, withStatus("s", status))).as(status).hasSize(1);
            assertThat(mapped(NoAllCondition.class, EVALUATION, mrd, withStatus("s", status))).as(status).isEmpty();
        }
        assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, mrd, withStatus("s", "provisional"),
                withStatus("dx", "confirmed"))).isEmpty();
        assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, mrd)).isEmpty();
        assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, withStatus("s", "provisional"))).isEmpty();
    }

    /**
     * A diagnosis to confirm says whether confirming it would give the lineage (I3): every unconfirmed Condition coded
     * with one lineage (B-ALL, T-ALL); not one coded as ALL alone beside it, nor two of different lineages. The lineage
     * itself stays missing: a Condition not confirmed is not used.
     */
    @Test
    void aDiagnosisToConfirm_saysWhetherItsCodesGiveTheLineage() {
        Observation mrd = mrd("m", "end-of-induction", "2020-04-07", "0.01", "%");
        Condition bAll = withStatus("b", "provisional", Codes.snomed("277571004"));
        Condition tAll = withStatus("t", "differential", Codes.local("t-all"));

        assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, mrd, bAll)).extracting(AllDiagnosisToConfirm::codeGivesLineage)
                .containsExactly(true);
        assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, mrd, tAll, withStatus("t2", "unconfirmed",
                Codes.local("t-all")))).extracting(AllDiagnosisToConfirm::codeGivesLineage).containsExactly(true);
        assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, mrd, withStatus("s", "provisional")))
                .extracting(AllDiagnosisToConfirm::codeGivesLineage).containsExactly(false);
        assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, mrd, bAll, withStatus("s", "provisional")))
                .extracting(AllDiagnosisToConfirm::codeGivesLineage).containsExactly(false);
        assertThat(mapped(AllDiagnosisToConfirm.class, EVALUATION, mrd, bAll, tAll))
                .extracting(AllDiagnosisToConfirm::codeGivesLineage).containsExactly(false);
        assertThat(mapped(Lineage.class, EVALUATION, mrd, bAll)).isEmpty();
    }

    private static Condition withStatus(String id, String status) {
        return withStatus(id, status, Codes.snomed("91857003"));
    }

    private static Condition withStatus(String id, String status, Code code) {
        Condition c = condition(id, code);
        c.setVerificationStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", status, null)));
        return c;
    }

    @Test
    void dataOtherDiseasesShare_isNoEvidence() {
        // A child with Down syndrome, a transplant, blood counts and marrow blasts, but no ALL result.
        assertThat(mapped(AllPatient.class, EVALUATION, patient("2014-05-20"), condition("ds", Codes.icd("Q90.9")),
                wbc("wbc", "2019-08-30", "62000", "/uL"), blasts("bl", "end-of-induction", "2019-09-28", "2"),
                hsct("hsct", "2021-09-01"))).isEmpty();
    }

    @Test
    void noResources_giveNoFacts() {
        assertThat(new FactMapper().map(data(), EVALUATION)).isEmpty();
    }

    @Test
    void bornOnLeapDay_isTenAtDiagnosisOnTwentyEighthOfFebruary() {
        // E1
        assertThat(mapped(AgeAtDiagnosis.class, EVALUATION, patient("2016-02-29"), allDiagnosis("dx", "2026-02-28")))
                .extracting(AgeAtDiagnosis::years).containsExactly(10);
    }

    @Test
    void siteTranslator_readsLocalWbcCodeAsLoinc() {
        ConceptTranslator siteMap = (system, code) -> LAB.equals(system) && "WBC-LOCAL".equals(code)
                ? List.of(new Code(system, code), Codes.loinc("6690-2"))
                : ConceptTranslator.IDENTITY.translate(system, code);
        Observation local = quantity(observation("w", new Code(LAB, "WBC-LOCAL"), "2020-03-10"), "55", "10*3/uL");

        List<Object> facts = new FactMapper(siteMap).map(data(allDiagnosis("dx", "2020-03-10"), local), EVALUATION);

        assertThat(facts).contains(new WbcAtDiagnosis(new BigDecimal("55"), LocalDate.parse("2020-03-10"), "Observation/w"));
    }

    @Test
    void withoutSiteTranslator_localWbcCodeIsIgnored() {
        Observation local = quantity(observation("w", new Code(LAB, "WBC-LOCAL"), "2020-03-10"), "55", "10*3/uL");

        assertThat(mapped(WbcAtDiagnosis.class, EVALUATION, allDiagnosis("dx", "2020-03-10"), local)).isEmpty();
    }

    @Test
    void relapseBeforeDiagnosis_givesAnIssueAndNoClassification() {
        // E6
        List<Object> facts = new FactMapper().map(data(allDiagnosis("dx", "2020-03-10"),
                relapse("r", "2020-01-01", "isolated-marrow")), EVALUATION);

        assertThat(facts).noneMatch(f -> f instanceof Relapse || f instanceof RelapseTiming);
        assertThat(facts).contains(new DataQualityIssue("relapse-before-diagnosis", "Observation.effective[x]",
                "Observation/r", "Relapse (2020-01-01)"));
    }

    @Test
    void endOfBlock1ResultsDatedOnOrBeforeTheRelapse_areNotItsResponse() {
        // a block-1 MRD and marrow of an earlier date would stratify this relapse by another response
        List<Object> facts = new FactMapper().map(data(allDiagnosis("dx", "2019-08-31"),
                relapse("r", "2023-03-01", "isolated-marrow"),
                mrd("old-mrd", "relapse-end-block1", "2023-03-01", "0.02", "%"),
                blasts("old-bl", "relapse-end-block1", "2022-12-01", "7"),
                mrd("eoi", "end-of-induction", "2019-09-28", "0.001", "%")), EVALUATION);

        assertThat(facts).noneMatch(f -> f instanceof MarrowBlasts);
        assertThat(facts).filteredOn(Mrd.class::isInstance).extracting(f -> ((Mrd) f).reference())
                .containsExactly("Observation/eoi");
        assertThat(mapped(Mrd.class, EVALUATION, allDiagnosis("dx", "2019-08-31"),
                relapse("r", "2023-03-01", "isolated-marrow"),
                mrd("b1", "relapse-end-block1", "2023-04-02", "0.02", "%"))).extracting(Mrd::reference)
                .containsExactly("Observation/b1");
    }

    /**
     * A CNS3 at the relapse beside an isolated marrow site contradicts the site (R-REL-01), and is still not the CNS
     * status at diagnosis: that is read only from before the relapse.
     */
    @Test
    void cns3AtAnIsolatedMarrowRelapse_contradictsItsSite_notTheCnsStatusAtDiagnosis() {
        List<Object> facts = new FactMapper().map(data(allDiagnosis("dx", "2019-08-31"),
                coded(observation("lp-dx", Codes.local("cns-status"), "2019-09-02"), Codes.local("cns1")),
                relapse("r", "2021-02-28", "isolated-marrow"),
                coded(observation("lp-relapse", Codes.local("cns-status"), "2021-03-01"), Codes.local("cns3"))), EVALUATION);

        assertThat(facts).filteredOn(Relapse.class::isInstance).extracting(f -> ((Relapse) f).site()).containsOnlyNulls();
        assertThat(facts).filteredOn(CnsStatus.class::isInstance).extracting(f -> ((CnsStatus) f).value())
                .containsExactly(CnsClass.CNS1);
        assertThat(facts).filteredOn(DataQualityIssue.class::isInstance).extracting(f -> ((DataQualityIssue) f).detail())
                .containsExactly("Observation.component:relapse-site contradicted by CNS3 (2021-03-01)");
    }

    /**
     * A relapse known only to the diagnosis year may stand for any day from the diagnosis on: the front-line results
     * from that day may follow it, so none is used, and each is named instead of dropped without a word; a result
     * before the diagnosis day certainly came before it (a relapse cannot precede the diagnosis) and is.
     */
    @Test
    void relapseOfTheDiagnosisYear_resultsOfItsFirst28Days_areRead_laterOnesThatMayFollowItNamed() {
        // a relapse needs a first remission first: the first 28 days after the diagnosis are the front line's
        List<Object> facts = new FactMapper().map(data(allDiagnosis("dx", "2016-03-10"), relapse("r", "2016", null),
                coded(observation("lp-dx", Codes.local("cns-status"), "2016-03-09"), Codes.local("cns3")),
                coded(observation("lp-d8", Codes.local("cns-status"), "2016-03-17"), Codes.local("cns1")),
                mrd("d8", "day8-pb", "2016-03-18", "0.005", "%"), mrd("eoi", "end-of-induction", "2016-04-07", "0.004", "%"),
                blasts("bl", "end-of-induction", "2016-04-07", "2")), EVALUATION);

        assertThat(facts).filteredOn(Mrd.class::isInstance).extracting(f -> ((Mrd) f).reference())
                .containsExactly("Observation/d8");
        assertThat(facts).noneMatch(MarrowBlasts.class::isInstance);
        assertThat(facts).filteredOn(CnsStatus.class::isInstance).extracting(f -> ((CnsStatus) f).reference())
                .containsExactly("Observation/lp-dx");
        assertThat(facts).filteredOn(f -> f instanceof DataQualityIssue issue && issue.code().equals("may-follow-relapse"))
                .extracting(f -> ((DataQualityIssue) f).reference())
                .containsExactlyInAnyOrder("Observation/eoi", "Observation/bl");
    }

    /** Results before a relapse's month are the front line's; those of its days or after, its own: none is named. */
    @Test
    void relapseOfALaterMonth_frontLineResultsBeforeItAreRead_laterOnesLeftAsideWithoutAWord() {
        List<Object> facts = new FactMapper().map(data(allDiagnosis("dx", "2016-03-10"), relapse("r", "2017-06", null),
                mrd("eoi", "end-of-induction", "2016-04-07", "0.004", "%"),
                mrd("reinduction", "end-of-induction", "2017-07-20", "0.3", "%")), EVALUATION);

        assertThat(facts).filteredOn(Mrd.class::isInstance).extracting(f -> ((Mrd) f).reference())
                .containsExactly("Observation/eoi");
        assertThat(facts).noneMatch(f -> f instanceof DataQualityIssue issue && issue.code().equals("may-follow-relapse"));
    }

    /**
     * I5, R-DX-09: the CNS status at diagnosis is the worst class of the diagnostic work-up (7 days before the diagnosis
     * to 14 after it): a clear day-8 LP shows clearance, not the status at diagnosis, and a maintenance CNS3 is no
     * part of it.
     */
    @Test
    void cnsStatusAtDiagnosis_isTheWorstOfTheWorkUp_notALaterLp() {
        List<Object> facts = new FactMapper().map(data(allDiagnosis("dx", "2016-03-10"),
                coded(observation("lp-dx", Codes.local("cns-status"), "2016-03-09"), Codes.local("cns2")),
                coded(observation("lp-d8", Codes.local("cns-status"), "2016-03-17"), Codes.local("cns1")),
                coded(observation("lp-maintenance", Codes.local("cns-status"), "2017-07-05"), Codes.local("cns3"))),
                EVALUATION);

        assertThat(facts).filteredOn(CnsStatus.class::isInstance).extracting(f -> ((CnsStatus) f).reference())
                .containsExactly("Observation/lp-dx");
        assertThat(facts).noneMatch(DataQualityIssue.class::isInstance);
    }

    /** I5, C-08: with only results outside the work-up the status at diagnosis is missing, and asked for. */
    @Test
    void cnsStatusOnlyOutsideTheWorkUp_isMissing() {
        List<Object> facts = new FactMapper().map(data(allDiagnosis("dx", "2016-03-10"),
                coded(observation("lp-maintenance", Codes.local("cns-status"), "2016-03-25"), Codes.local("cns1"))),
                EVALUATION);

        assertThat(facts).noneMatch(CnsStatus.class::isInstance);
        assertThat(facts).filteredOn(MissingInput.class::isInstance).extracting(f -> ((MissingInput) f).input())
                .contains(Input.CNS_STATUS);
    }

    /** I6: involvement counts when the work-up finds it, not when a later examination does. */
    @Test
    void testicularInvolvementAtDiagnosis_isOfTheWorkUp_notALaterExamination() {
        List<Object> facts = new FactMapper().map(data(allDiagnosis("dx", "2016-03-10"),
                flag(observation("testis-dx", Codes.local("testicular-involvement"), "2016-03-11"), false),
                flag(observation("testis-later", Codes.local("testicular-involvement"), "2017-09-11"), true)),
                EVALUATION);

        assertThat(facts).filteredOn(TesticularInvolvement.class::isInstance)
                .extracting(f -> ((TesticularInvolvement) f).present()).containsExactly(false);
    }

    @Test
    void issueDetail_namesTheElementNotTheValue() {
        List<DataQualityIssue> issues = mapped(DataQualityIssue.class, EVALUATION, allDiagnosis("dx", "2020-03-10"),
                wbc("w", "2020-03-10", "123456", "g/L"));

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.detail()).isEqualTo("Observation.valueQuantity.code");
            assertThat(issue.displayValue()).doesNotContain("123456").doesNotContain("g/L");
        });
    }

    @Test
    void unknownResourcesAndCodes_areIgnoredWithoutError() {
        Observation unknown = coded(observation("x", Codes.loinc("1234-5"), "2020-03-10"), Codes.local("whatever"));

        assertThat(new FactMapper().map(data(unknown, new org.hl7.fhir.r4.model.Encounter()), EVALUATION)).isEmpty();
    }

    @Test
    void resourceWithoutId_hasNullReference() {
        org.hl7.fhir.r4.model.Patient anonymous = patient("2016-02-29");
        anonymous.setId((String) null);

        assertThat(mapped(Patient.class, EVALUATION, anonymous)).extracting(Patient::reference).containsOnlyNulls();
    }

    @Test
    void absoluteVersionedId_becomesRelativeReference() {
        org.hl7.fhir.r4.model.Patient remote = patient("2016-02-29");
        remote.setId("https://ehr.example.org/fhir/Patient/p7/_history/3");

        assertThat(mapped(Patient.class, EVALUATION, remote)).extracting(Patient::reference).containsExactly("Patient/p7");
    }
}
