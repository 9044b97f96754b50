package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A data-quality issue on a card: the record in words and what was wrong, never the element path. */
class DataQualityWordsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "censored-value|Observation.valueQuantity.comparator|reported only as a bound, not as a value",
            "unit-not-convertible|Observation.valueQuantity.code|unit cannot be converted",
            "conflicting-results|Observation.value[x]|conflicting values",
            "conflicting-results|Procedure.status|conflicting statuses",
            "may-follow-relapse|Observation.effective[x]|may follow a relapse dated only to its year or month",
            "dated-after-evaluation-time|Observation.effective[x] 2024-05-14 is after the evaluation time 2024-05-01|"
                    + "dated after the evaluation time",
            "invalid-value|Observation.status|status not valid FHIR",
            "invalid-value|Condition.verificationStatus.coding.code|verification status not valid FHIR"})
    void aNamedRecord_saysItsDefectInWords(String code, String element, String defect) {
        DataQualityIssue issue = new DataQualityIssue(code, element, "Observation/w", "WBC (2024-05-06)");

        assertThat(issue.cardValue()).isEqualTo("WBC (2024-05-06), " + defect);
        assertThat(issue.displayValue()).isEqualTo(code + ": " + element);
    }

    /**
     * A relapse site its own work-up contradicts is the part of the relapse not used, as a site in a code not read is:
     * the relapse still counts by its date and number.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"CNS3 (2019-08-22)", "testicular involvement (2019-08-22)"})
    void aRelapseSiteItsWorkUpContradicts_isTheSiteNotUsed(String result) {
        DataQualityIssue issue = new DataQualityIssue("conflicting-results", DataQualityIssue.siteContradictedBy(result),
                "Observation/relapse", "Relapse (2019-08-20)");

        assertThat(issue.cardValue()).isEqualTo("the site of Relapse (2019-08-20), contradicted by " + result);
        assertThat(issue.problem()).isEqualTo("site contradicted by " + result);
    }

    /**
     * Relapse records of one day that give different sites leave the relapse's date and number in use: the site is the
     * part not used, as a site its work-up contradicts is; a card counts the records ("2 records conflict").
     */
    @Test
    void relapseRecordsOfOneDayGivingDifferentSites_areTheSiteNotUsed() {
        DataQualityIssue issue = new DataQualityIssue("conflicting-results", "Observation.component:relapse-site",
                "Observation/relapse", "Relapse (2019-08-20)");

        assertThat(issue.cardValue()).isEqualTo("the site of Relapse (2019-08-20), records conflict");
        assertThat(issue.problem()).isEqualTo("site records conflict");
    }

    /** Only an unreadable status leaves its record out (D5); another element is what was not used, not the record. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Observation.value[x]|value",
            "Observation.value[x].value|value",
            "Observation.valueQuantity.code|unit",
            "Observation.value[x].coding.code|value",
            "Observation.valueCodeableConcept.coding.system|value",
            "Observation.value[x].comparator|comparator",
            "Observation.effective[x]|date",
            "Procedure.performed[x].end|end date",
            "Observation.effective[x].start|start date",
            "Observation.code.coding.code|code",
            "Condition.extension:assertedDate|date",
            "Condition.clinicalStatus.coding.code|clinical status"})
    void anInvalidElement_isNamedAsWhatWasNotUsed(String element, String aspect) {
        DataQualityIssue issue = new DataQualityIssue("invalid-value", element, "Observation/w", "WBC (2024-05-06)");

        assertThat(issue.cardValue()).isEqualTo("the " + aspect + " of WBC (2024-05-06), not valid FHIR");
    }

    /** The record was used, its copies were not: "Not used" must not read as the record left out. */
    @Test
    void aDuplicate_namesTheExtraCopiesNotUsed_notTheRecord() {
        assertThat(new DataQualityIssue("duplicate-resource", "2 copies, counted once; they differ, the one last updated"
                + " (meta.lastUpdated) was used", "Observation/w", "WBC (2024-05-06)").cardValue())
                .isEqualTo("1 extra copy of WBC (2024-05-06) (the copies differ: the last updated was used)");
        assertThat(new DataQualityIssue("duplicate-resource", "3 copies, counted once", "Observation/w", "WBC (2024-05-06)")
                .cardValue()).isEqualTo("2 extra copies of WBC (2024-05-06)");
        assertThat(new DataQualityIssue("duplicate-resource", "2 copies, counted once", "Condition/c1").cardValue())
                .isEqualTo("1 extra copy of a Condition");
        assertThat(new DataQualityIssue("duplicate-resource", "context.draftOrders: 2 orders with this id, one counted;"
                + " they differ", "MedicationRequest/cart-1").cardValue())
                .isEqualTo("1 extra copy of draft order MedicationRequest/cart-1 (the copies differ: the last updated was used)");
    }

    /** The diagnosis still dates the relapse interval: the birth date is what was not used, not the diagnosis. */
    @Test
    void aBirthDateAfterTheDiagnosisOrTheEvaluation_isTheBirthDateNotUsed() {
        assertThat(new DataQualityIssue("diagnosis-before-birth", "Condition.extension:assertedDate", "Condition/dx",
                "ALL diagnosis (2015-02-10)").cardValue()).isEqualTo("the birth date, later than the ALL diagnosis (2015-02-10)");
        assertThat(new DataQualityIssue("evaluation-before-birth", "Patient.birthDate", "Patient/p1").cardValue())
                .isEqualTo("the birth date, after the evaluation time");
    }

    /** Only a resource type takes an article: a concept without a date reads "of Genetics", not "of a Genetics". */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"Genetics", "WBC", "Relapse", "Immunophenotype"})
    void aConceptWithoutDate_takesNoArticle(String concept) {
        assertThat(new DataQualityIssue("invalid-value", "Observation.effective[x]", "Observation/o1", concept)
                .cardValue()).isEqualTo("the date of " + concept + ", not valid FHIR");
    }

    /** "component" is FHIR's word; the card says what the record's components hold. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Relapse (2019-08-20)|the site, relapse number or marrow blasts of Relapse (2019-08-20), not valid FHIR",
            "End-of-induction MRD (2024-06-03)|the timepoint of End-of-induction MRD (2024-06-03), not valid FHIR",
            "Marrow blasts (2019-09-24)|the timepoint of Marrow blasts (2019-09-24), not valid FHIR",
            "Immunophenotype (2024-05-07)|the CD19 result of Immunophenotype (2024-05-07), not valid FHIR",
            "Genetics (2024-05-08)|the details of Genetics (2024-05-08), not valid FHIR"})
    void anUnreadableComponent_isNamedByWhatTheRecordsComponentsHold(String record, String line) {
        assertThat(new DataQualityIssue("invalid-value", "Observation.component.value[x].coding.code", "Observation/o",
                record).cardValue()).isEqualTo(line);
    }

    /** A relapse whose marrow blasts cannot be read still counts: what was not used is the count. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "value-not-a-quantity|Observation.component:marrow-blasts.valueString|sent as text, not as a number",
            "unit-not-convertible|Observation.component:marrow-blasts.valueQuantity.code|unit cannot be converted",
            "value-out-of-range|Observation.component:marrow-blasts.valueQuantity.value|value outside the plausible range"})
    void aRelapsesMarrowBlastsNotRead_areNamedAsTheCountNotUsed_notTheRelapse(String code, String element, String defect) {
        assertThat(new DataQualityIssue(code, element, "Observation/r", "Relapse (2019-08-20)").cardValue())
                .isEqualTo("the marrow blasts of Relapse (2019-08-20), " + defect);
    }

    /** Several problems of one record go on one line: each says what was wrong without naming the record again. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "code-not-recognised|Observation.value[x]|Genetics (2019-08-22)|value code not recognised",
            "code-not-recognised|Observation.interpretation|Genetics (2019-08-22)|result contradicted by its interpretation",
            "conflicting-results|Observation.value[x]|Genetics (2019-08-22)|conflicting values",
            "invalid-value|Observation.code|Observation (2024-07-01)|code not valid FHIR",
            "unit-not-convertible|Observation.component:marrow-blasts.valueQuantity.code|Relapse (2019-08-20)"
                    + "|marrow blasts unit cannot be converted"})
    void aProblem_isTheLineWithoutItsRecord(String code, String element, String record, String problem) {
        assertThat(new DataQualityIssue(code, element, "Observation/o", record).problem()).isEqualTo(problem);
    }

    /** The record still counts for what else it holds: what was not used is its code. */
    @Test
    void aCodeOutsideItsValueSet_isNamedAsTheCodeNotUsed_notTheRecord() {
        assertThat(new DataQualityIssue("code-not-recognised", "Observation.component:relapse-site", "Observation/r",
                "Relapse (2019-08-20)").cardValue()).isEqualTo("the site code of Relapse (2019-08-20), not recognised");
        assertThat(new DataQualityIssue("code-not-recognised", "Observation.component:timepoint", "Observation/m",
                "MRD (2024-06-03)").cardValue()).isEqualTo("the timepoint code of MRD (2024-06-03), not recognised");
        assertThat(new DataQualityIssue("code-not-recognised", "Observation.component:cd19", "Observation/i",
                "Immunophenotype (2015-02-11)").cardValue())
                .isEqualTo("the CD19 result code of Immunophenotype (2015-02-11), not recognised");
        assertThat(new DataQualityIssue("code-not-recognised", "Observation.value[x]", "Observation/c",
                "CNS status (2024-05-07)").cardValue()).isEqualTo("the value code of CNS status (2024-05-07), not recognised");
    }

    /**
     * A value the mapping could not read is named by what it is not: a relapse number no whole number above 0; codings
     * (or components) of one value that each were recognised but disagree; a value of another type where a code is
     * expected. A diagnosis's disagreeing codes leave only its lineage unread: the diagnosis itself counts.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Observation.component:relapse-number|Relapse (2019-08-20)|the relapse number of Relapse (2019-08-20), not a whole number above 0",
            "Condition.code.coding|ALL diagnosis (2024-05-06)|the lineage of ALL diagnosis (2024-05-06), codes that disagree",
            "Observation.component:relapse-site.coding|Relapse (2016-10-12)|the site of Relapse (2016-10-12), codes that disagree",
            "Observation.component:relapse-site open beside CNS status (2016-10-16)|Relapse (2016-10-12)|"
                    + "the site of Relapse (2016-10-12), open: CNS status (2016-10-16) not read",
            "Observation.value[x].coding|Immunophenotype (2024-05-07)|the value of Immunophenotype (2024-05-07), codes that disagree",
            "Observation.valueString|Genetics (2024-05-08)|the value of Genetics (2024-05-08), not a code",
            "Observation.component:timepoint.valueString|MRD (2024-06-03)|the timepoint of MRD (2024-06-03), not a code",
            "Observation.valueBoolean||the value of an Observation, not a code"})
    void aValueNotRead_isNamedByWhatItIsNot(String element, String record, String line) {
        assertThat(new DataQualityIssue("code-not-recognised", element, "Observation/o", record).cardValue())
                .isEqualTo(line);
    }

    /** A relapse site left open beside a result of its work-up not yet final: the site waits, the relapse counts. */
    @Test
    void aSiteOpenBesideAResultNotYetFinal_saysTheResultIsNotYetFinal() {
        DataQualityIssue open = new DataQualityIssue("preliminary-result",
                "Observation.component:relapse-site open beside testis result (2016-10-15)", "Observation/r",
                "Relapse (2016-10-12)");

        assertThat(open.cardValue())
                .isEqualTo("the site of Relapse (2016-10-12), open: testis result (2016-10-15) not yet final");
        assertThat(open.siteOpenWhy()).isEqualTo("testis result not yet final");
        assertThat(open.siteOpenAsk()).isEqualTo("await the final result");
    }

    /** A draft order whose codings name two checked products: neither check can run. */
    @Test
    void aDraftOrderWhoseCodesDisagree_isNamedAsTheOrderCardNamesIt() {
        assertThat(new DataQualityIssue("code-not-recognised",
                "MedicationRequest.medicationCodeableConcept.coding at context.draftOrders.entry[0]",
                "MedicationRequest/cart-1").cardValue())
                .isEqualTo("the product of draft order MedicationRequest/cart-1, codes that disagree");
    }

    /** A draft order whose product is a Medication the request does not hold: no check can run. */
    @Test
    void aDraftOrderWhoseMedicationWasNotSent_isNamedAsTheOrderCardNamesIt() {
        assertThat(new DataQualityIssue("code-not-recognised",
                "MedicationRequest.medicationReference at context.draftOrders.entry[1]", "MedicationRequest/cart-1")
                .cardValue()).isEqualTo("the product of draft order MedicationRequest/cart-1, a Medication not sent with"
                        + " the order");
    }

    @Test
    void aRecordNobodyNamed_isNamedByItsResourceType_aDraftOrderByItsPlace() {
        assertThat(new DataQualityIssue("invalid-value", "Patient.birthDate", "Patient/p1").cardValue())
                .isEqualTo("the birth date of the Patient, not valid FHIR");
        assertThat(new DataQualityIssue("invalid-value", "Condition.code.coding", "Condition/c1").cardValue())
                .isEqualTo("the code of a Condition, not valid FHIR");
        assertThat(new DataQualityIssue("invalid-value", "Observation.code", "Observation/o1", "Observation (2024-05-06)")
                .cardValue()).isEqualTo("the code of an Observation (2024-05-06), not valid FHIR");
        assertThat(new DataQualityIssue("draft-order-without-id", "MedicationRequest.id at context.draftOrders.entry[0]",
                null).cardValue()).isEqualTo("Draft order 1 (MedicationRequest), no usable id");
        assertThat(new DataQualityIssue("invalid-value", "MedicationRequest.authoredOn at context.draftOrders.entry[0]",
                "MedicationRequest/cart-1").cardValue())
                .isEqualTo("the date of draft order MedicationRequest/cart-1, not valid FHIR");
    }

    @Test
    void recordsCountedWithoutNames_sayTheCountOnly() {
        assertThat(new DataQualityIssue("foreign-subject-excluded", "3 records of another patient, or naming no patient,"
                + " ignored", null).cardValue()).isEqualTo("3 records of another patient, or naming no patient");
        assertThat(new DataQualityIssue("foreign-subject-excluded", "context.draftOrders: 1 order(s) of another patient",
                null).cardValue()).isEqualTo("1 draft order of another patient");
    }

    @Test
    void copiesOfAMedicationADraftOrderNames_areNamedAsOrderCopiesAre() {
        DataQualityIssue copies = new DataQualityIssue("duplicate-resource",
                "context.draftOrders: 2 Medications with this id, one counted; they differ", "Medication/m1");
        assertThat(DataQualityWords.line(copies))
                .isEqualTo("1 extra copy of the product Medication/m1 of a draft order (the copies differ: the last updated was used)");
    }

    /** A front-line therapy's end is what is wrong, not the date the record is named by (its start). */
    @Test
    void aTherapyEnd_beforeTheDiagnosisOrPastWhileInProgress_isNamedAsTheEnd() {
        String therapy = "Front-line therapy (2015-02-11)";
        assertThat(new DataQualityIssue("dated-before-diagnosis", "Procedure.performedPeriod.end", "Procedure/flt",
                therapy).cardValue()).isEqualTo(therapy + ", end dated before the ALL diagnosis");
        assertThat(new DataQualityIssue("conflicting-results", "Procedure.performedPeriod.end", "Procedure/flt",
                therapy).cardValue()).isEqualTo(therapy + ", in progress, but its end is before the relapse");
    }

    /** Relapse records days apart: what is unclear is whether they are one relapse, not their dates. */
    @Test
    void relapseRecordsDaysApart_askWhetherTheyAreOneRelapse() {
        assertThat(new DataQualityIssue("conflicting-results", "Observation.effective[x]", "Observation/r2",
                "Relapse (2019-08-23)").cardValue())
                .isEqualTo("Relapse (2019-08-23), under 90 days from another relapse record: one relapse or two?");
    }

    /** A result of the other specimen than its timepoint's, named by what it was measured in, says what counts. */
    @Test
    void aResultOfTheOtherSpecimen_saysWhatItsTimepointIsReadFrom() {
        assertThat(new DataQualityIssue("specimen-contradicts-timepoint", "Observation.specimen: blood", "Observation/eoi",
                "End-of-induction MRD in blood (2024-06-03)").cardValue())
                .isEqualTo("End-of-induction MRD in blood (2024-06-03), not bone marrow");
        assertThat(new DataQualityIssue("specimen-contradicts-timepoint", "Observation.bodySite: bone marrow",
                "Observation/d8", "Day-8 MRD in bone marrow (2024-05-14)").cardValue())
                .isEqualTo("Day-8 MRD in bone marrow (2024-05-14), not peripheral blood");
        assertThat(new DataQualityIssue("specimen-contradicts-timepoint", "Observation.specimen: blood and bone marrow",
                "Observation/eoi", "End-of-induction MRD in blood and bone marrow (2024-06-03)").cardValue())
                .isEqualTo("End-of-induction MRD in blood and bone marrow (2024-06-03), specimen codes disagree");
    }

    /** A result not yet final is named with its status. */
    @Test
    void aResultNotYetFinal_saysItsStatus() {
        assertThat(new DataQualityIssue("preliminary-result", "Observation.status preliminary", "Observation/m",
                "End-of-induction MRD (2024-06-03)").cardValue())
                .isEqualTo("End-of-induction MRD (2024-06-03), not yet final (preliminary)");
        assertThat(new DataQualityIssue("preliminary-result", "Observation.status registered", "Observation/w", "WBC")
                .cardValue()).isEqualTo("WBC, not yet final (registered)");
    }

    /**
     * An onset given as an age has no day to give: said as such, not as a date without a day. Only the onset is not
     * used; the diagnosis may still be, dated otherwise ("Interval: 20 months from diagnosis (2015-02-10)").
     */
    @Test
    void anOnsetAge_isNamedAsTheOnsetOfTheDiagnosis() {
        assertThat(new DataQualityIssue("imprecise-date", "Condition.onsetAge", "Condition/dx", "ALL diagnosis (2017-03-01)")
                .cardValue()).isEqualTo("the onset of ALL diagnosis (2017-03-01), given only as an age");
        assertThat(new DataQualityIssue("imprecise-date", "Condition.onsetRange", "Condition/dx", "ALL diagnosis (2017-03-01)")
                .problem()).isEqualTo("onset given only as an age");
    }
}
