package org.allcds.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.Mrd;
import org.allcds.facts.Patient;
import org.allcds.facts.WbcAtDiagnosis;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Worked example A with one value made hostile, parsed as every path parses it and mapped: values outside a plausible
 * range and invalid primitives count as absent and are reported; exact decimals reach the facts as sent.
 */
class HostileValuesTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final LocalDate EVALUATION = LocalDate.parse("2024-07-18");
    private static final String WBC = "\"value\": 8.0,";
    private static final String EOI_MRD = "\"value\": 0.004,";
    private static final String RELAPSE_EXAMPLE = "fhir-profiles/requests/ped-all-relapse-example-c.json";
    private static final String BIRTH_DATE = "\"birthDate\": \"2020-02-10\"";

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "-1e999999", "2000.0000000000001", "-0.5", "1e-999999", "8.0000000000000000000000000000001"})
    void wbc_whenImplausible_isAbsentAndReportedOutOfRange(String value) {
        List<Object> facts = map(WBC, "\"value\": " + value + ",");

        assertThat(facts).noneMatch(WbcAtDiagnosis.class::isInstance);
        assertThat(facts).contains(new DataQualityIssue("value-out-of-range", "Observation.valueQuantity.value",
                "Observation/wbc-a", "WBC (2024-05-06)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"49.999999999999999", "49.99999999999999999", "50.000000000000000000", "2000"})
    void wbc_whenPlausible_keepsEveryDigit(String value) {
        List<Object> facts = map(WBC, "\"value\": " + value + ",");

        assertThat(facts).filteredOn(WbcAtDiagnosis.class::isInstance).singleElement()
                .satisfies(wbc -> assertThat(((WbcAtDiagnosis) wbc).per10e9L()).isEqualByComparingTo(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gt", "\u2265", "ad", " <"})
    void mrd_withAComparatorFhirDoesNotKnow_isNoResult_notAnExactValue(String comparator) {
        // cleared, an unknown comparator would leave "gt 0.004" read as exactly 0.004 (MRD negative)
        List<Object> facts = map(EOI_MRD, EOI_MRD + " \"comparator\": \"" + comparator + "\",");

        assertThat(facts).noneMatch(f -> f instanceof Mrd m && m.timepoint() == org.allcds.facts.MrdTimepoint.END_OF_INDUCTION);
        assertThat(facts).contains(new DataQualityIssue("invalid-value", "Observation.value[x].comparator",
                "Observation/mrd-eoi-a", "End-of-induction MRD (2024-06-03)"));
    }

    @Test
    void mrd_whenExtremelySmall_isAbsentAndReportedOutOfRange() {
        List<Object> facts = map(EOI_MRD, "\"value\": 1e-999999,");

        assertThat(facts).filteredOn(Mrd.class::isInstance).hasSize(1);
        assertThat(facts).contains(new DataQualityIssue("value-out-of-range", "Observation.valueQuantity.value",
                "Observation/mrd-eoi-a", "End-of-induction MRD (2024-06-03)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 2020-02-10", "\uFF12\uFF10\uFF12\uFF10-02-10", "\u0662\u0660\u0662\u0660-02-10", "2020-02-30"})
    void birthDate_whenInvalid_isAbsentAndReportedAsInvalidValue(String birthDate) {
        List<Object> facts = map(BIRTH_DATE, "\"birthDate\": \"" + birthDate + "\"");

        assertThat(facts).noneMatch(Patient.class::isInstance);
        assertThat(facts).contains(new DataQualityIssue("invalid-value", "Patient.birthDate", "Patient/example-a",
                "Patient"));
    }

    /** Found by the fuzz test: both gave a 500. */
    @Test
    void condition_whenAssertedDateRepeatedOrVerificationCodeMissing_isReportedNotFailed() {
        String asserted = "\"valueDateTime\": \"2024-05-06\"";
        List<Object> repeated = map(asserted, asserted + "}, {\"url\": "
                + "\"http://hl7.org/fhir/StructureDefinition/condition-assertedDate\", \"valueDateTime\": \"2024-05-07\"");
        assertThat(repeated).contains(new DataQualityIssue("invalid-value", "Condition.extension:assertedDate",
                "Condition/dx-a", "ALL diagnosis"));

        List<Object> codeless = map("\"code\": \"confirmed\"", "\"display\": \"confirmed\"");
        assertThat(codeless).anyMatch(org.allcds.facts.Diagnosis.class::isInstance);
    }

    @Test
    void example_whenUnchanged_hasNoDataQualityIssue() {
        List<Object> facts = map(WBC, WBC);

        assertThat(facts).noneMatch(DataQualityIssue.class::isInstance);
        assertThat(facts).filteredOn(WbcAtDiagnosis.class::isInstance).singleElement()
                .satisfies(wbc -> assertThat(((WbcAtDiagnosis) wbc).per10e9L()).isEqualTo(new BigDecimal("8")));
    }

    /** An undated count may be the one at diagnosis: the card asking for the WBC at diagnosis must name it. */
    @Test
    void wbc_withoutDate_isAbsentAndReportedUndated() {
        List<Object> facts = map("\"effectiveDateTime\": \"2024-05-06\",", "");

        assertThat(facts).noneMatch(WbcAtDiagnosis.class::isInstance);
        assertThat(facts).contains(new DataQualityIssue("missing-date", "Observation.effective[x]", "Observation/wbc-a",
                "WBC"));
    }

    /** One defect, one line: a date that is not valid FHIR is named as such, not also as "no date". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"effectiveDateTime\": \"2019-08-20\"|\"effectiveDateTime\": \"20-08-2019\"|Observation.effective[x]|Observation/observation-8",
            "\"end\": \"2017-02-10\"|\"end\": \"2017-02-30\"|Procedure.performed[x].end|Procedure/procedure-7"})
    void aDateThatIsNotValidFhir_isNamedOnce_notAlsoAsMissing(String original, String replacement, String element,
                                                              String reference) {
        List<Object> facts = map(RELAPSE_EXAMPLE, LocalDate.parse("2019-10-04"), original, replacement);

        assertThat(facts).filteredOn(f -> f instanceof DataQualityIssue i && reference.equals(i.reference()))
                .extracting(f -> ((DataQualityIssue) f).displayValue()).containsExactly("invalid-value: " + element);
    }

    private static List<Object> map(String original, String replacement) {
        return map("fhir-profiles/requests/ped-all-risk-example-a.json", EVALUATION, original, replacement);
    }

    private static List<Object> map(String file, LocalDate evaluation, String original, String replacement) {
        try {
            String text = Files.readString(Path.of(file));
            assertThat(text).contains(original);
            String prefetch = JSON.readTree(text.replace(original, replacement)).path("prefetch").toString();
            PatientData data = new PatientData(new LocalPrefetch().prefetch(JSON.readTree(prefetch)));
            return new FactMapper().map(data, evaluation);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
