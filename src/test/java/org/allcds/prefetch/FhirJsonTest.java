package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One parse from JSON to HAPI's model: exact decimals, no expansion, invalid primitives cleared and named. */
class FhirJsonTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final JsonMapper JSON = FhirFetcher.fhirJsonMapper();
    private final FhirJson fhirJson = new FhirJson(FHIR);

    @ParameterizedTest
    @ValueSource(strings = {"49.999999999999999", "50.000000000000000000", "0.0099999999999999999", "12"})
    void parse_keepsEveryDigitTheSenderWrote(String value) {
        Observation observation = (Observation) fhirJson.parse(JSON.readTree(observationWithValue(value)));

        assertThat(observation.getValueQuantity().getValueElement().getValueAsString()).isEqualTo(value);
        assertThat(observation.getValueQuantity().getValue()).isEqualByComparingTo(new BigDecimal(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "-1E+999999", "1e-999999", "9.5e2147483000"})
    void parse_whenExponentIsExtreme_keepsTheShortFormAndTheValue(String value) {
        Observation observation = (Observation) fhirJson.parse(JSON.readTree(observationWithValue(value)));

        String text = observation.getValueQuantity().getValueElement().getValueAsString();
        assertThat(text).hasSizeLessThan(20);
        assertThat(observation.getValueQuantity().getValue()).isEqualByComparingTo(new BigDecimal(value));
        assertThat(PrimitiveCheck.invalidElements(observation)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {" 2020-02-10", "2020-02-10 ", "\uFF12\uFF10\uFF12\uFF10-02-10", "\u0662\u0660\u0662\u0660-02-10",
            "2020-13-45", "2021-02-30", "garbage", "2020-02-10T10:00:00Z"})
    void parse_whenBirthDateIsInvalid_clearsItAndNamesTheElement(String birthDate) {
        Patient patient = (Patient) fhirJson.parse(JSON.readTree("""
                {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "%s"}""".formatted(birthDate)));

        assertThat(patient.getBirthDateElement().isEmpty()).isTrue();
        assertThat(patient.getGender()).isNotNull();
        assertThat(PrimitiveCheck.invalidElements(patient)).containsExactly("Patient.birthDate");
    }

    @Test
    void parse_whenSeveralPrimitivesAreInvalid_clearsEachAndKeepsTheRest() {
        Observation observation = (Observation) fhirJson.parse(JSON.readTree("""
                {"resourceType": "Observation", "id": "o1", "status": "bogus",
                 "subject": {"reference": " Patient/p1"},
                 "code": {"coding": [{"system": "http://loinc.org", "code": "6690 -2 "}, {"system": "http://loinc.org", "code": "6690-2"}]},
                 "effectiveDateTime": "\u0662\u0660\u0662\u0660-02-10T10:00:00Z",
                 "valueQuantity": {"value": "12x", "code": "10*9/L"}}"""));

        assertThat(PrimitiveCheck.invalidElements(observation)).containsExactlyInAnyOrder("Observation.status",
                "Observation.subject.reference", "Observation.code.coding.code", "Observation.effective[x]",
                "Observation.value[x].value");
        assertThat(observation.getStatusElement().getValueAsString()).isNull();
        assertThat(observation.getSubject().getReference()).isNull();
        assertThat(observation.getCode().getCoding().get(1).getCode()).isEqualTo("6690-2");
        assertThat(observation.getEffectiveDateTimeType().isEmpty()).isTrue();
        assertThat(observation.getValueQuantity().getCode()).isEqualTo("10*9/L");
    }

    @Test
    void parse_whenValuesAreValid_reportsNothing() {
        Observation observation = (Observation) fhirJson.parse(JSON.readTree("""
                {"resourceType": "Observation", "id": "o1", "status": "final",
                 "subject": {"reference": "Patient/p1", "display": "Jane Doe"},
                 "focus": [{"display": "B-cell acute lymphoblastic leukaemia"}],
                 "code": {"coding": [{"system": "http://loinc.org", "code": "6690-2"}]},
                 "effectiveDateTime": "2022-03-14T23:30:00-05:00", "issued": "2022-03-15T01:02:03.123Z",
                 "valueQuantity": {"value": 8.0, "code": "10*9/L"}}"""));

        // a Reference's display is free text; only its reference is a URL, with no spaces
        assertThat(PrimitiveCheck.invalidElements(observation)).isEmpty();
        assertThat(observation.getSubject().getDisplay()).isEqualTo("Jane Doe");
    }

    @Test
    void parse_whenBundleEntryIsInvalid_namesItOnThatResourceOnly() {
        Bundle bundle = (Bundle) fhirJson.parse(JSON.readTree("""
                {"resourceType": "Bundle", "type": "searchset", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": " 2020-02-10"}},
                  {"resource": {"resourceType": "Patient", "id": "p2", "birthDate": "2020-02-10"}}]}"""));

        assertThat(PrimitiveCheck.invalidElements(bundle.getEntry().get(0).getResource())).containsExactly("Patient.birthDate");
        assertThat(PrimitiveCheck.invalidElements(bundle.getEntry().get(1).getResource())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Observation | \"code\": {\"coding\": {\"system\": \"x\"}}                   | Observation.code.coding",
            "Observation | \"code\": {\"coding\": [[{\"system\": \"x\"}]]}               | Observation.code.coding",
            "Observation | \"status\": {\"value\": \"entered-in-error\"}                   | Observation.status",
            "Observation | \"status\": {}                                                 | Observation.status",
            "Observation | \"status\": [\"final\", \"entered-in-error\"]                    | Observation.status",
            "Observation | \"status\": true                                               | Observation.status",
            "Observation | \"valueQuantity\": \"12.5\"                                      | Observation.value[x]",
            "Observation | \"valueQuantity\": {\"value\": \"12.5\"}                           | Observation.value[x].value",
            "Observation | \"valueCodeableConcept\": [{\"text\": \"a\"}, {\"text\": \"b\"}]      | Observation.value[x]",
            "Observation | \"valueString\": \"a\", \"valueBoolean\": true                     | Observation.value[x]",
            "Observation | \"effectiveDateTime\": {\"value\": \"2022-03-14\"}                  | Observation.effective[x]",
            "Observation | \"subject\": \"Patient/p1\"                                      | Observation.subject",
            "Observation | \"status\": \"final\", \"_status\": \"x\"                            | Observation.status",
            "Condition   | \"verificationStatus\": \"entered-in-error\"                      | Condition.verificationStatus",
            "Condition   | \"verificationStatus\": {\"coding\": {\"code\": \"refuted\"}}          | Condition.verificationStatus.coding",
            "Condition   | \"clinicalStatus\": {\"coding\": [{\"code\": {\"value\": \"active\"}}]} | Condition.clinicalStatus.coding.code",
            "Condition   | \"extension\": [{\"url\": \"u\", \"valueDateTime\": 20190315}]         | Condition.extension[x].value[x]",
            "Procedure   | \"status\": {\"value\": \"not-done\"}                           | Procedure.status",
            "Procedure   | \"status\": [\"not-done\"]                                       | Procedure.status"})
    void parse_whenJsonHasAShapeFhirDoesNotGiveTheElement_clearsItAndNamesTheElement(String type, String member,
                                                                                     String element) {
        Resource resource = fhirJson.parse(JSON.readTree("{\"resourceType\": \"" + type + "\", \"id\": \"r1\", "
                + member + "}"));

        assertThat(PrimitiveCheck.invalidElements(resource)).containsExactly(element);
        assertThat(FHIR.newJsonParser().encodeResourceToString(resource)).as("what is left of it")
                .doesNotContain("entered-in-error", "not-done", "refuted", "active", "12.5", "\"x\"", "Patient/p1",
                        "2022", "2019", "\"a\"", "\"b\"", "final");
    }

    @Test
    void parse_whenObjectAndArrayShapesAreRight_reportsNothing() {
        Observation observation = (Observation) fhirJson.parse(JSON.readTree("""
                {"resourceType": "Observation", "id": "o1", "status": "final", "_status": {"extension": [
                   {"url": "http://x/s", "valueInteger": 1}]},
                 "code": {"coding": [{"system": "http://loinc.org", "code": "6690-2", "userSelected": true}], "text": null},
                 "component": [{"code": {"text": "c"}, "valueBoolean": false}, {"code": {"text": "d"}, "valueInteger": -2}],
                 "note": [{"text": "a"}, null], "valueQuantity": {"value": 8.0, "code": "10*9/L"}}"""));

        assertThat(PrimitiveCheck.invalidElements(observation)).isEmpty();
        assertThat(observation.getCode().getCodingFirstRep().getCode()).isEqualTo("6690-2");
    }

    @Test
    void parse_whenWorkedExamples_reportsNothing() throws IOException {
        for (JsonNode json : examplePrefetchResources()) {
            Resource resource = fhirJson.parse(json);
            List<Resource> resources = resource instanceof Bundle bundle
                    ? bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList() : List.of(resource);
            resources.forEach(r -> assertThat(PrimitiveCheck.invalidElements(r)).as(r.getId()).isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{\"resourceType\": 3}", "{\"resourceType\": \"NoSuchType\"}",
            "{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {\"a\": 1}}]}"})
    void parse_whenJsonIsNotFhir_fails(String json) {
        assertThatThrownBy(() -> fhirJson.parse(JSON.readTree(json))).isInstanceOf(DataFormatException.class);
    }

    /** A Bundle entry that is not an entry object is not skipped as one without a resource: it may hold a result. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"resource\": {\"resourceType\": \"Patient\"}}, 5]                  | .entry[1]",
            "[\"Observation/w\"]                                                  | .entry[0]",
            "[[{\"resource\": {\"resourceType\": \"Patient\"}}]]                    | .entry[0]",
            "{\"resource\": {\"resourceType\": \"Patient\"}}                       | .entry",
            "[{\"resource\": 7}]                                                  | .entry[0].resource",
            "[{\"resource\": null}]                                               | .entry[0].resource",
            "[null]                                                               | .entry[0]",
            "[{\"resource\": {\"resourceType\": 7}}]                                | .entry[0].resource",
            "[{\"resource\": {\"resourceType\": \"Bundle\", \"entry\": [{}, true]}}]   | .entry[0].resource.entry[1]"})
    void parse_whenBundleEntryIsNotAnEntry_failsNamingIt(String entries, String where) {
        String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": " + entries + "}";

        assertThatThrownBy(() -> fhirJson.parse(JSON.readTree(bundle)))
                .isInstanceOfSatisfying(FhirJson.NotFhir.class, e -> assertThat(e.where()).isEqualTo(where));
    }

    /** A next link or a search mode that cannot be read would silently cut pages or let included resources count. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"link\": [{\"relation\": \"next\", \"url\": 5}]                  | Bundle.link.url",
            "\"link\": {\"relation\": \"next\", \"url\": \"https://x/p2\"}         | Bundle.link",
            "\"entry\": [{\"search\": {\"mode\": [\"include\"]}}]                   | Bundle.entry.search.mode",
            "\"entry\": [{\"fullUrl\": 5}]                                       | Bundle.entry.fullUrl"})
    void parse_whenBundlesOwnLinksOrEntriesAreNotFhir_failsNamingTheElement(String members, String element) {
        String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", " + members + "}";

        assertThatThrownBy(() -> fhirJson.parse(JSON.readTree(bundle)))
                .isInstanceOfSatisfying(FhirJson.NotFhir.class, e -> assertThat(e.getMessage()).contains(element));
    }

    /** An integrator with a long Bundle needs to know which entry to fix. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"fullUrl\": 5}                          | .entry[1]",
            "{\"search\": {\"mode\": [\"include\"]}}   | .entry[1]",
            "{\"search\": \"include\"}                 | .entry[1]"})
    void parse_whenAnEntrysFullUrlOrSearchIsNotFhir_namesTheEntry(String badEntry, String where) {
        String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [{\"fullUrl\": "
                + "\"urn:uuid:1\", \"search\": {\"mode\": \"match\"}}, " + badEntry + "]}";

        assertThatThrownBy(() -> fhirJson.parse(JSON.readTree(bundle)))
                .isInstanceOfSatisfying(FhirJson.NotFhir.class, e -> assertThat(e.where()).isEqualTo(where));
    }

    /**
     * Bundle.total decides whether a search's pages hold every match: one that is no unsignedInt, cleared as other
     * invalid values are, would turn that check off without a word, so it fails the Bundle as a broken link does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "2147483648", "99999999999999999999", "1.5", "\"1\"", "true", "[1]"})
    void parse_whenBundlesTotalIsNotAnUnsignedInt_failsNamingIt(String total) {
        String bundle = """
                {"resourceType": "Bundle", "type": "searchset", "total": %s,
                 "entry": [{"resource": {"resourceType": "Patient", "id": "p"}}]}""".formatted(total);

        assertThatThrownBy(() -> fhirJson.parse(JSON.readTree(bundle))).isInstanceOfSatisfying(FhirJson.NotFhir.class,
                e -> assertThat(e.getMessage()).isEqualTo("the JSON has Bundle.total that is not valid FHIR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2147483647"})
    void parse_whenBundlesTotalIsAnUnsignedInt_keepsIt(String total) {
        Bundle bundle = (Bundle) fhirJson.parse(JSON.readTree("""
                {"resourceType": "Bundle", "type": "searchset", "total": %s,
                 "entry": [{"resource": {"resourceType": "Patient", "id": "p"}}]}""".formatted(total)));

        assertThat(bundle.getTotalElement().getValueAsString()).isEqualTo(total);
    }

    @Test
    void parse_whenBundleEntryHasNoResource_keepsTheOthers() {
        Bundle bundle = (Bundle) fhirJson.parse(JSON.readTree("""
                {"resourceType": "Bundle", "type": "searchset", "entry": [{"fullUrl": "urn:uuid:1"},
                  {"resource": {"resourceType": "Patient", "id": "p"}}]}"""));

        assertThat(bundle.getEntry()).hasSize(2).last().extracting(e -> e.getResource().getIdPart()).isEqualTo("p");
    }

    /** Parsing entry by entry gives every resource the id HAPI gives it when it parses the whole Bundle. */
    @Test
    void parse_whenBundle_givesEveryEntryTheIdsOfAWholeBundleParse() throws IOException {
        examplePrefetchResources().forEach(this::assertSameIds);
        assertSameIds(JSON.readTree("""
                {"resourceType": "Bundle", "type": "searchset", "entry": [
                  {"fullUrl": "urn:uuid:abc", "resource": {"resourceType": "Observation", "status": "final"}},
                  {"fullUrl": "http://x/fhir/Observation/o2", "resource": {"resourceType": "Observation", "id": "o2", "meta": {"versionId": "3"}}},
                  {"resource": {"resourceType": "Observation", "id": "o4"}},
                  {"fullUrl": "urn:uuid:7f0c", "resource": {"resourceType": "Patient", "id": "p1"}},
                  {"fullUrl": "http://x/fhir/Patient/p9", "resource": {"resourceType": "Patient", "id": "p1", "meta": {"versionId": "2"}}},
                  {"fullUrl": "Patient/p9", "resource": {"resourceType": "Patient"}}]}"""));
    }

    /** HAPI reads the request's tree as it would read the text: every example, and the JSON shapes FHIR uses. */
    @Test
    void parse_readsTheTreeAsHapiReadsTheText() throws IOException {
        examplePrefetchResources().forEach(this::assertSameAsTextParse);
        assertSameAsTextParse(JSON.readTree("""
                {"resourceType": "Observation", "id": "o1", "status": "final", "valueQuantity": {"value": 1.0e2},
                 "referenceRange": [{"low": {"value": 0.000010}, "high": {"value": 12}}],
                 "component": [{"code": {"text": "c"}, "valueInteger": 7}],
                 "extension": [{"url": "http://x/e", "valueBoolean": true}, {"url": "http://x/d", "valueDecimal": -0.50}],
                 "_status": {"extension": [{"url": "http://x/s", "valueString": "\u00e9t\u00e9"}]},
                 "code": {"coding": [{"system": "http://loinc.org", "code": "26464-8"}], "text": null},
                 "note": [{"text": "a"}, null]}"""));
    }

    /** Every prefetched resource or Bundle of the worked examples. */
    private static List<JsonNode> examplePrefetchResources() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("fhir-profiles/requests"))) {
            return files.sorted().flatMap(file -> JSON.readTree(file.toFile()).path("prefetch").valueStream())
                    .filter(JsonNode::isObject).toList();
        }
    }

    private void assertSameAsTextParse(JsonNode json) {
        Resource text = (Resource) FHIR.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
                .parseResource(json.toString());
        Resource tree = fhirJson.parse(json);
        assertThat(FHIR.newJsonParser().encodeResourceToString(tree)).isEqualTo(FHIR.newJsonParser().encodeResourceToString(text));
    }

    private void assertSameIds(JsonNode json) {
        Resource whole = (Resource) FHIR.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
                .parseResource(json.toString());
        Resource split = fhirJson.parse(json);
        assertThat(ids(split)).isEqualTo(ids(whole));
    }

    private static List<String> ids(Resource resource) {
        return resource instanceof Bundle bundle
                ? bundle.getEntry().stream().map(e -> e.getResource() == null ? "-" : e.getResource().getIdElement().getValue()).toList()
                : List.of(resource.getIdElement().getValue());
    }

    private static String observationWithValue(String value) {
        return """
                {"resourceType": "Observation", "id": "o1", "status": "final",
                 "valueQuantity": {"value": %s, "system": "http://unitsofmeasure.org", "code": "10*9/L"}}""".formatted(value);
    }
}
