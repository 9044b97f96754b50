package org.allcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeftOutRecordsTest {

    private static final DataQualityIssue UNREADABLE_DIAGNOSIS = new DataQualityIssue("invalid-value",
            "Condition.code.coding", "Condition/dx-1");
    private static final DataQualityIssue LATE_RESULT = new DataQualityIssue("dated-after-evaluation-time",
            "Observation.effectiveDateTime 2019-10-05 is after the evaluation time 2019-10-04", "Observation/mrd-1");
    private static final DataQualityIssue ANOTHER_PATIENTS = new DataQualityIssue("foreign-subject-excluded",
            "2 records of another patient, or naming no patient, ignored", null);

    @Test
    void unreadableAndLeftOutPatientRecordsAreNotUsed_draftOrdersAndOtherIssuesAreNotRecords() {
        assertThat(LeftOutRecords.isLeftOut(UNREADABLE_DIAGNOSIS)).isTrue();
        assertThat(LeftOutRecords.isLeftOut(LATE_RESULT)).isTrue();
        assertThat(LeftOutRecords.isLeftOut(ANOTHER_PATIENTS)).isTrue();
        assertThat(LeftOutRecords.isLeftOut(new DataQualityIssue("invalid-value",
                "MedicationRequest.id at context.draftOrders.entry[0]", null))).isFalse();
        assertThat(LeftOutRecords.isLeftOut(new DataQualityIssue("foreign-subject-excluded",
                "context.draftOrders: 1 order(s) of another patient", null))).isFalse();
        assertThat(LeftOutRecords.isLeftOut(new DataQualityIssue("duplicate-resource", "2 copies, counted once",
                "Observation/mrd-1"))).isFalse();
    }

    /** Remedies said of one record are said of several by their pronouns alone, never inside another word. */
    @Test
    void remediesOfOneRecord_areSaidOfSeveral() {
        assertThat(LeftOutRecords.ofSeveral("correct its unit, check its date, correct it in the EHR"))
                .isEqualTo("correct their unit, check their date, correct them in the EHR");
        assertThat(LeftOutRecords.ofSeveral("check the EHR feed, edit its items")).isEqualTo("check the EHR feed, edit their items");
    }

    /** A record read in part: only an unreadable element an input comes from can leave a check without it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Condition.extension:assertedDate|true", "Condition.onset[x]|true", "Condition.code.coding.code|true",
            "Observation.effective[x]|true", "Observation.component:relapse-site|true", "Observation.value[x].value|true",
            "Procedure.performed[x].end|true", "Patient.birthDate|true",
            "Condition.clinicalStatus.coding.code|false", "Observation.note.text|false", "Observation.status|false",
            "Patient.name.family|false"})
    void anUnreadableElement_mayLackAnInput_onlyWhereAnInputComesFrom(String element, boolean holdsAnInput) {
        assertThat(LeftOutRecords.unreadableInputElement(new DataQualityIssue("invalid-value", element, "Observation/o")))
                .isEqualTo(holdsAnInput);
        assertThat(LeftOutRecords.unreadableInputElement(new DataQualityIssue("dated-after-evaluation-time", element,
                "Observation/o"))).as("not an unreadable element").isFalse();
    }

    @Test
    void aRecordMayHoldTheInputsOfItsResourceType_itsCodeMayBeWhatWasUnreadable() {
        assertThat(LeftOutRecords.mayHold(UNREADABLE_DIAGNOSIS, "lineage")).isTrue();
        assertThat(LeftOutRecords.mayHold(UNREADABLE_DIAGNOSIS, "diagnosis-date")).isTrue();
        assertThat(LeftOutRecords.mayHold(UNREADABLE_DIAGNOSIS, "relapse-end-block1-mrd")).isFalse();
        assertThat(LeftOutRecords.mayHold(UNREADABLE_DIAGNOSIS, "birth-date")).isFalse();

        assertThat(LeftOutRecords.mayHold(LATE_RESULT, "relapse-end-block1-mrd")).isTrue();
        assertThat(LeftOutRecords.mayHold(LATE_RESULT, "lineage")).as("an immunophenotype").isTrue();
        assertThat(LeftOutRecords.mayHold(LATE_RESULT, "diagnosis-date")).isFalse();
        assertThat(LeftOutRecords.mayHold(LATE_RESULT, "end-of-frontline-therapy")).isFalse();

        DataQualityIssue therapy = new DataQualityIssue("invalid-value", "Procedure.performedPeriod.end", "Procedure/p-1");
        assertThat(LeftOutRecords.mayHold(therapy, "end-of-frontline-therapy")).isTrue();
        assertThat(LeftOutRecords.mayHold(therapy, "lineage")).isFalse();
        DataQualityIssue transplant = new DataQualityIssue("invalid-value", "Procedure.performed[x]", "Procedure/h");
        assertThat(LeftOutRecords.mayHold(transplant, "hsct-date")).as("a transplant's date").isTrue();
        assertThat(LeftOutRecords.mayHold(LATE_RESULT, "hsct-date")).as("an Observation holds no transplant").isFalse();
        DataQualityIssue birthDate = new DataQualityIssue("invalid-value", "Patient.birthDate", "Patient/p1");
        assertThat(LeftOutRecords.mayHold(birthDate, "birth-date")).isTrue();
        assertThat(LeftOutRecords.mayHold(birthDate, "lineage")).isFalse();
    }

    @Test
    void anotherPatientsRecordsMayHoldAnything_butAResultRecordedAsABoundIsNotLacking() {
        assertThat(LeftOutRecords.mayHold(ANOTHER_PATIENTS, "birth-date")).isTrue();
        assertThat(LeftOutRecords.mayHold(ANOTHER_PATIENTS, "relapse")).isTrue();
        assertThat(LeftOutRecords.mayHold(ANOTHER_PATIENTS, Input.RELAPSE_END_BLOCK1_BLASTS.code())).isFalse();
    }

    /**
     * Where a service speaks at all: another patient's records are not this child's relapse, and a result dated after
     * the evaluation time was not known then; the child's own unreadable records may be.
     */
    @Test
    void ownRecordsOnly_mayHoldThePatientsRelapse() {
        DataQualityIssue unreadableCode = new DataQualityIssue("invalid-value", "Observation.code", "Observation/o",
                "Observation (2019-08-20)");
        DataQualityIssue wbc = new DataQualityIssue("invalid-value", "Observation.valueQuantity", "Observation/w",
                "WBC (2019-08-20)");

        assertThat(LeftOutRecords.mayHoldOwn(ANOTHER_PATIENTS, "relapse")).isFalse();
        DataQualityIssue untypedFocusNoId = new DataQualityIssue("foreign-subject-excluded",
                "Observation.focus: its focus may be another person (it names no resource type)", null);
        assertThat(LeftOutRecords.mayHoldOwn(untypedFocusNoId, "relapse")).as("one record, sent without an id").isTrue();
        assertThat(LeftOutRecords.mayHoldOwn(unreadableCode, "relapse")).isTrue();
        assertThat(LeftOutRecords.mayHoldOwn(LATE_RESULT, "relapse")).isFalse();
        assertThat(LeftOutRecords.mayHoldOwn(wbc, "relapse")).isFalse();
        DataQualityIssue otherKind = new DataQualityIssue("invalid-value", "Observation.status", "Observation/hb",
                "Observation (2019-08-20)");
        assertThat(LeftOutRecords.mayHoldOwn(otherKind, "relapse")).as("its code was read: no relapse").isFalse();
    }

    /** A result whose code was read holds what its name says: a WBC left out holds no MRD, and an MRD no WBC. */
    @Test
    void aResultNamedByItsCode_mayHoldOnlyWhatItsNameSays() {
        DataQualityIssue wbc = new DataQualityIssue("unit-not-convertible", "Observation.valueQuantity.code",
                "Observation/w", "WBC (2019-08-20)");
        DataQualityIssue relapse = new DataQualityIssue("invalid-value", "Observation.effective[x]", "Observation/r",
                "Relapse");
        DataQualityIssue unnamed = new DataQualityIssue("invalid-value", "Observation.code", "Observation/o",
                "Observation");

        assertThat(LeftOutRecords.mayHold(wbc, "relapse-end-block1-mrd")).isFalse();
        assertThat(LeftOutRecords.mayHold(wbc, "wbc-at-diagnosis")).isTrue();
        assertThat(LeftOutRecords.mayHold(relapse, "relapse-date")).isTrue();
        assertThat(LeftOutRecords.mayHold(relapse, "relapse-end-block1-mrd")).isFalse();
        assertThat(LeftOutRecords.mayHold(unnamed, "relapse-end-block1-mrd")).as("its code may be what was not read")
                .isTrue();
    }

    /** An MRD in a unit that cannot be converted is recorded but unknown: the check lacks it because of that record. */
    @Test
    void aResultWhoseUnitCannotBeConvertedOrIsImplausible_mayHoldTheResultsInputs() {
        assertThat(LeftOutRecords.mayHold(new DataQualityIssue("unit-not-convertible", "Observation.valueQuantity",
                "Observation/mrd-1"), "relapse-end-block1-mrd")).isTrue();
        assertThat(LeftOutRecords.mayHold(new DataQualityIssue("value-out-of-range", "Observation.valueQuantity",
                "Observation/wbc-1"), "diagnosis-date")).isFalse();
    }

    /** A result not yet final may hold what its name says, and the card asks to await it, not to correct it. */
    @Test
    void aResultNotYetFinal_mayHoldItsInput_andIsAwaited() {
        DataQualityIssue preliminary = new DataQualityIssue("preliminary-result", "Observation.status preliminary",
                "Observation/m", "End-of-block-1 MRD (2019-09-24)");
        assertThat(LeftOutRecords.isLeftOut(preliminary)).isTrue();
        assertThat(LeftOutRecords.mayHold(preliminary, "relapse-end-block1-mrd")).isTrue();
        assertThat(LeftOutRecords.mayHold(preliminary, "relapse-site")).isFalse();
        assertThat(LeftOutRecords.words(preliminary)).isEqualTo("end-of-block-1 MRD (2019-09-24) not yet final");
        assertThat(LeftOutRecords.remedy(preliminary)).isEqualTo("await its final result");
    }

    /** A relapse whose site waits for a result of its work-up not yet final is used: only its site waits. */
    @Test
    void aRelapseWhoseSiteWaitsForAResultNotYetFinal_isNotLeftOut() {
        assertThat(LeftOutRecords.isLeftOut(new DataQualityIssue("preliminary-result",
                "Observation.component:relapse-site open beside CNS status (2019-08-22)", "Observation/r2",
                "Relapse (2019-08-20)"))).isFalse();
    }

    @Test
    void theRecordReadsInClinicalWords_withoutItsFhirElement() {
        assertThat(LeftOutRecords.words(UNREADABLE_DIAGNOSIS)).isEqualTo("diagnosis record unreadable");
        assertThat(LeftOutRecords.words(LATE_RESULT)).isEqualTo("result dated after the evaluation time");
        assertThat(LeftOutRecords.words(new DataQualityIssue("unit-not-convertible", "Observation.valueQuantity.code",
                "Observation/mrd-1"))).isEqualTo("result with a unit that cannot be converted");
        assertThat(LeftOutRecords.words(ANOTHER_PATIENTS)).isEqualTo("records of another patient, or naming none, left out");
        assertThat(LeftOutRecords.words(new DataQualityIssue("invalid-value", "Condition.onsetDateTime", null)))
                .as("a record without an id: its element names the type").isEqualTo("diagnosis record unreadable");
        assertThat(LeftOutRecords.reason(LATE_RESULT)).isEqualTo("dated after the evaluation time");
        assertThat(LeftOutRecords.words(new DataQualityIssue("invalid-value", "Observation.effective[x]", "Observation/r",
                "Relapse"))).as("a result whose code was read").isEqualTo("relapse unreadable");
        assertThat(LeftOutRecords.words(new DataQualityIssue("unit-not-convertible", "Observation.valueQuantity.code",
                "Observation/m", "End-of-block-1 MRD (2019-09-24)")))
                .isEqualTo("end-of-block-1 MRD (2019-09-24) with a unit that cannot be converted");
        assertThat(LeftOutRecords.words(new DataQualityIssue("invalid-value", "Observation.code", "Observation/o",
                "Observation"))).as("a result whose code could not be read").isEqualTo("result unreadable");
        assertThat(LeftOutRecords.words(new DataQualityIssue("unit-not-convertible",
                "Observation.component:marrow-blasts.valueQuantity.code", "Observation/r", "Relapse (2019-08-20)")))
                .as("a relapse whose marrow blasts were not read: the count, not the relapse")
                .isEqualTo("marrow blasts of relapse (2019-08-20) with a unit that cannot be converted");
        assertThat(LeftOutRecords.remedy(LATE_RESULT)).isEqualTo("check its date");
        assertThat(LeftOutRecords.remedy(ANOTHER_PATIENTS)).isEqualTo("check the EHR feed");
    }

    /**
     * A record not used for a part the card can name asks for that part, after a summary that has named the record
     * ("diagnosis record unreadable"); a record unreadable elsewhere still asks to correct it.
     */
    @Test
    void aRecordNotUsed_asksForThePartAtFault_whereItCanBeNamed() {
        assertThat(LeftOutRecords.remedy(UNREADABLE_DIAGNOSIS)).isEqualTo("correct its diagnosis code");
        assertThat(LeftOutRecords.remedy(new DataQualityIssue("invalid-value", "Observation.subject.reference",
                "Observation/r", "Relapse (2019-08-20)"))).isEqualTo("correct its patient reference");
        assertThat(LeftOutRecords.remedy(new DataQualityIssue("invalid-value", "Condition.subject", "Condition/dx-1")))
                .isEqualTo("correct its patient reference");
        assertThat(LeftOutRecords.remedy(new DataQualityIssue("unit-not-convertible",
                "Observation.component:marrow-blasts.valueQuantity.code", "Observation/r", "Relapse (2019-08-20)")))
                .isEqualTo("correct the unit of its marrow blasts");
        assertThat(LeftOutRecords.remedy(new DataQualityIssue("invalid-value", "Observation.code", "Observation/o",
                "Observation"))).as("a result's code: which result is unknown").isEqualTo("correct it in the EHR");
        assertThat(LeftOutRecords.remedy(new DataQualityIssue("preliminary-result", "Observation.status preliminary",
                "Observation/r", "Relapse (2019-08-20)"))).isEqualTo("await its final result");
    }

    /**
     * Records all left out because whose they are cannot be read, named together ("whose ALL records these are cannot
     * be read"): the part at fault where every one has the same, else the records to correct; an element of the record
     * other than its patient reference or focus is not why it was left out.
     */
    @Test
    void recordsWhoseOwnerCannotBeRead_askForThePartAtFault_whereAllShareIt() {
        DataQualityIssue condition = new DataQualityIssue("invalid-value", "Condition.subject.reference", "Condition/dx");
        DataQualityIssue result = new DataQualityIssue("invalid-value", "Observation.subject.reference", "Observation/o");
        DataQualityIssue focus = new DataQualityIssue("invalid-value", "Observation.focus.reference", "Observation/f");

        assertThat(LeftOutRecords.remedyOfUnread(java.util.List.of(condition, result, UNREADABLE_DIAGNOSIS)))
                .isEqualTo("correct their patient reference");
        assertThat(LeftOutRecords.remedyOfUnread(java.util.List.of(condition, focus)))
                .isEqualTo("correct them in the EHR");
        assertThat(LeftOutRecords.remedyOfUnread(java.util.List.of(UNREADABLE_DIAGNOSIS)))
                .as("no record left out for whose it is").isEqualTo("correct them in the EHR");
    }

    /**
     * Records whose patient was read are named by what could not be read, never as records whose owner is unknown; one
     * whose code cannot be read may be any record, an ALL one too.
     */
    @Test
    void recordsWhosePatientWasRead_areNamedByThePartThatCannotBeRead() {
        DataQualityIssue code = new DataQualityIssue("invalid-value", "Observation.code.coding[0].code", "Observation/hb");
        DataQualityIssue otherCode = new DataQualityIssue("invalid-value", "Observation.code.coding[0].code",
                "Observation/plt");
        DataQualityIssue status = new DataQualityIssue("invalid-value", "Observation.status", "Observation/o");
        java.util.List<DataQualityIssue> one = java.util.List.of(code);

        assertThat(LeftOutRecords.anyOwnerUnread(one)).isFalse();
        assertThat(LeftOutRecords.unreadParts(one))
                .isEqualTo("a result whose code cannot be read was not used; it may hold an ALL result: correct its code");
        assertThat(LeftOutRecords.unreadParts(java.util.List.of(code, otherCode))).isEqualTo(
                "results whose code cannot be read were not used; they may hold an ALL result: correct their code");
        assertThat(LeftOutRecords.unreadParts(java.util.List.of(UNREADABLE_DIAGNOSIS))).isEqualTo(
                "a diagnosis record whose code cannot be read was not used; it may be an ALL record: correct its code");
        assertThat(LeftOutRecords.unreadParts(java.util.List.of(status)))
                .isEqualTo("a result whose status cannot be read was not used; correct its status");
        assertThat(LeftOutRecords.unreadParts(java.util.List.of(code, status)))
                .isEqualTo("records that cannot be read were not used; correct them in the EHR");
        assertThat(LeftOutRecords.anyOwnerUnread(java.util.List.of(code, new DataQualityIssue("invalid-value",
                "Observation.focus.reference", "Observation/f")))).isTrue();
    }
}
