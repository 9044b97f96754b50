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
            "conflicting-results|Observation.component:relapse-site|conflicting sites",
            "dated-after-evaluation-time|Observation.effective[x] 2024-05-14 is after the evaluation time 2024-05-01|"
                    + "dated after the evaluation time",
            "duplicate-resource|2 copies, counted once; they differ, the one last updated (meta.lastUpdated) was used|"
                    + "sent 2 times, counted once (the copies differ: the last updated was used)",
            "invalid-value|Observation.status|status not valid FHIR",
            "invalid-value|Condition.verificationStatus.coding.code|status not valid FHIR"})
    void aNamedRecord_saysItsDefectInWords(String code, String element, String defect) {
        DataQualityIssue issue = new DataQualityIssue(code, element, "Observation/w", "WBC (2024-05-06)");

        assertThat(issue.cardValue()).isEqualTo("WBC (2024-05-06), " + defect);
        assertThat(issue.displayValue()).isEqualTo(code + ": " + element);
    }

    /** Only an unreadable status leaves its record out (D5); another element is what was not used, not the record. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Observation.value[x]|value",
            "Observation.value[x].value|value",
            "Observation.valueQuantity.code|unit",
            "Observation.value[x].comparator|comparator",
            "Observation.effective[x]|date",
            "Observation.code.coding.code|code",
            "Condition.extension:assertedDate|date",
            "Condition.clinicalStatus.coding.code|clinical status"})
    void anInvalidElement_isNamedAsWhatWasNotUsed(String element, String aspect) {
        DataQualityIssue issue = new DataQualityIssue("invalid-value", element, "Observation/w", "WBC (2024-05-06)");

        assertThat(issue.cardValue()).isEqualTo("the " + aspect + " of WBC (2024-05-06), not valid FHIR");
    }

    @Test
    void aRecordNobodyNamed_isNamedByItsResourceType_aDraftOrderByItsPlace() {
        assertThat(new DataQualityIssue("invalid-value", "Patient.birthDate", "Patient/p1").cardValue())
                .isEqualTo("the birth date of the Patient, not valid FHIR");
        assertThat(new DataQualityIssue("invalid-value", "Condition.code.coding", "Condition/c1").cardValue())
                .isEqualTo("the code of a Condition, not valid FHIR");
        assertThat(new DataQualityIssue("draft-order-without-id", "MedicationRequest.id at context.draftOrders.entry[0]",
                null).cardValue()).isEqualTo("Draft order 1 (MedicationRequest), no usable id");
    }

    @Test
    void recordsCountedWithoutNames_sayTheCountOnly() {
        assertThat(new DataQualityIssue("foreign-subject-excluded", "3 records of another patient, or naming no patient,"
                + " ignored", null).cardValue()).isEqualTo("3 records of another patient, or naming no patient");
        assertThat(new DataQualityIssue("foreign-subject-excluded", "context.draftOrders: 1 order(s) of another patient",
                null).cardValue()).isEqualTo("1 draft order of another patient");
    }
}
