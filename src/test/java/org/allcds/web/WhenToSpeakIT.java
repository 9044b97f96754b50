package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * When to speak (README "When the services speak"): an EHR calls both services on every chart it opens, so a chart
 * that shows no ALL patient gets {@code {"cards":[]}} from both, whatever else it holds; ALL-specific data without a
 * diagnosis still gets the "diagnosis missing" card.
 */
class WhenToSpeakIT extends AbstractHttpIT {

    private static final String LOCAL = "https://all-cds.org/fhir/CodeSystem/all-cds";
    private static final String SUBJECT = "{\"reference\": \"Patient/child-1\"}";

    static List<Arguments> chartsWithoutAll() {
        String asthma = condition("http://snomed.info/sct", "195967001", "2023-04-01");
        String downSyndrome = condition("http://hl7.org/fhir/sid/icd-10-cm", "Q90.9", "2015-06-01");
        String weight = observation("http://loinc.org", "29463-7", "2024-05-02",
                "\"valueQuantity\": {\"value\": 21.5, \"system\": \"http://unitsofmeasure.org\", \"code\": \"kg\"}");
        String wbcOddUnit = observation("http://loinc.org", "6690-2", "2024-05-02",
                "\"valueQuantity\": {\"value\": 7.1, \"system\": \"http://unitsofmeasure.org\", \"code\": \"g/L\"}");
        String undatedWbc = observation("http://loinc.org", "6690-2", null,
                "\"valueQuantity\": {\"value\": 7.1, \"system\": \"http://unitsofmeasure.org\", \"code\": \"10*9/L\"}");
        return List.of(
                Arguments.of("no Conditions, no Observations", patient(true), List.of(), List.of()),
                Arguments.of("no birth date and nothing else", patient(false), List.of(), List.of()),
                Arguments.of("only unrelated Conditions (asthma, Down syndrome)", patient(true), List.of(asthma, downSyndrome), List.of()),
                Arguments.of("asthma and a weight", patient(true), List.of(asthma), List.of(weight)),
                Arguments.of("blood counts a leukaemia-free child also has", patient(true), List.of(), List.of(wbcOddUnit, undatedWbc)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chartsWithoutAll")
    void aChartWithoutAll_getsNoCardsFromEitherService(String shape, String patient, List<String> conditions,
                                                       List<String> observations) {
        for (String service : List.of(RISK, RELAPSE)) {
            HttpResponse<String> response = callService(service, request(patient, conditions, observations));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).as("%s, %s", service, shape).isEqualTo("{\"cards\":[]}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allDataWithoutDiagnosis")
    void allSpecificDataWithoutDiagnosis_stillGetsTheDiagnosisMissingCard(String shape, List<String> conditions,
                                                                         List<String> observations) {
        // the relapse service speaks only where the record may hold a relapse; elsewhere the risk service says it
        boolean relapse = observations.stream().anyMatch(o -> o.contains("\"code\": \"relapse\""));
        if (!relapse) {
            assertThat(callService(RELAPSE, request(patient(true), conditions, observations)).body())
                    .as("relapse service, %s", shape).isEqualTo("{\"cards\":[]}");
        }
        for (String service : relapse ? List.of(RISK, RELAPSE) : List.of(RISK)) {
            JsonNode body = json(callService(service, request(patient(true), conditions, observations)));

            List<JsonNode> findings = CardChecks.assertValidResponse(body);
            assertThat(CardChecks.hasFinding(findings, "missing-data", null, "diagnosis-date"))
                    .as("%s, %s: %s", service, shape, body).isTrue();
            assertThat(body.path("cards").get(0).path(service.equals(RISK) ? "summary" : "detail").asString())
                    .contains("diagnosis");
        }
    }

    @Test
    void allRecordsOfAnotherPatient_getOneCardSayingSo_fromTheRiskService() {
        String diagnosis = condition("http://snomed.info/sct", "91857003", "2024-05-06").replace(SUBJECT, "{\"reference\": \"Patient/p2\"}");
        String mrd = observation(LOCAL, "mrd", "2024-06-03",
                "\"valueQuantity\": {\"value\": 0.2, \"system\": \"http://unitsofmeasure.org\", \"code\": \"%\"}")
                .replace(SUBJECT, "{\"reference\": \"Patient/p2\"}");
        // another patient's records never make the relapse service speak (contract D2)
        assertThat(callService(RELAPSE, request(patient(true), List.of(diagnosis), List.of(mrd))).body())
                .isEqualTo("{\"cards\":[]}");
        for (String service : List.of(RISK)) {
            JsonNode body = json(callService(service, request(patient(true), List.of(diagnosis), List.of(mrd))));

            List<JsonNode> findings = CardChecks.assertValidResponse(body);
            assertThat(body.path("cards")).as("%s: %s", service, body).hasSize(1);
            assertThat(findings).as(service).hasSize(1);
            assertThat(CardChecks.hasFinding(findings, "data-quality", null, "foreign-subject-excluded")).isTrue();
            assertThat(body.path("cards").get(0).path("summary").asString()).contains("another person");
        }
    }

    @Test
    void allRecordsDatedAfterTheEvaluationTime_getOneCardSayingSo() {
        String diagnosis = condition("http://snomed.info/sct", "91857003", "2024-08-06");
        // records not known at the evaluation time never make the relapse service speak (contract D4)
        assertThat(callService(RELAPSE, request(patient(true), List.of(diagnosis), List.of())).body())
                .isEqualTo("{\"cards\":[]}");
        for (String service : List.of(RISK)) {
            JsonNode body = json(callService(service, request(patient(true), List.of(diagnosis), List.of())));

            List<JsonNode> findings = CardChecks.assertValidResponse(body);
            assertThat(findings).as("%s: %s", service, body).hasSize(1);
            assertThat(CardChecks.hasFinding(findings, "data-quality", null, "dated-after-evaluation-time")).isTrue();
            assertThat(body.path("cards").get(0).path("extension").path("org.allcds").path("inputs")
                    .findValuesAsString("reference")).as("the input named").hasSize(1);
        }
    }

    static List<Arguments> allDataWithoutDiagnosis() {
        String lineage = observation("http://loinc.org", "101119-6", "2024-05-07",
                "\"valueCodeableConcept\": {\"coding\": [{\"system\": \"" + LOCAL + "\", \"code\": \"b-lineage\"}]}");
        String mrd = observation(LOCAL, "mrd", "2024-06-03",
                "\"valueQuantity\": {\"value\": 0.2, \"system\": \"http://unitsofmeasure.org\", \"code\": \"%\"}");
        String undatedAll = condition("http://snomed.info/sct", "91857003", null);
        String relapse = observation(LOCAL, "relapse", "2024-06-20", "\"component\": [{\"code\": {\"coding\": [{\"system\": \""
                + LOCAL + "\", \"code\": \"relapse-site\"}]}, \"valueCodeableConcept\": {\"coding\": [{\"system\": \"" + LOCAL
                + "\", \"code\": \"isolated-marrow\"}]}}]");
        return List.of(
                Arguments.of("a lineage result", List.of(), List.of(lineage)),
                Arguments.of("an MRD result", List.of(), List.of(mrd)),
                Arguments.of("a relapse", List.of(), List.of(relapse)),
                Arguments.of("an ALL Condition without any date", List.of(undatedAll), List.of()));
    }

    private static ObjectNode request(String patient, List<String> conditions, List<String> observations) {
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"hook": "patient-view", "hookInstance": "5f0d5d0e-5b1e-4d43-9d59-3b0c1f8a7d21",
                 "context": {"userId": "Practitioner/p", "patientId": "child-1"},
                 "extension": {"org.allcds": {"evaluationTime": "2024-07-18"}}, "prefetch": {}}""");
        ObjectNode prefetch = (ObjectNode) body.get("prefetch");
        prefetch.set("patient", JSON.readTree(patient));
        prefetch.set("conditions", bundle(conditions));
        prefetch.set("observations", bundle(observations));
        prefetch.set("procedures", bundle(List.of()));
        return body;
    }

    private static ObjectNode bundle(List<String> resources) {
        ObjectNode bundle = (ObjectNode) JSON.readTree("{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": []}");
        ArrayNode entries = (ArrayNode) bundle.get("entry");
        resources.forEach(r -> entries.addObject().set("resource", JSON.readTree(r)));
        bundle.put("total", resources.size());
        return bundle;
    }

    private static String patient(boolean withBirthDate) {
        return "{\"resourceType\": \"Patient\", \"id\": \"child-1\", \"gender\": \"male\""
                + (withBirthDate ? ", \"birthDate\": \"2018-03-02\"" : "") + "}";
    }

    private static int ids;

    private static String condition(String system, String code, String onset) {
        return "{\"resourceType\": \"Condition\", \"id\": \"c" + (++ids) + "\", \"subject\": " + SUBJECT
                + ", \"code\": {\"coding\": [{\"system\": \"" + system + "\", \"code\": \"" + code + "\"}]}"
                + (onset == null ? "" : ", \"onsetDateTime\": \"" + onset + "\"") + "}";
    }

    private static String observation(String system, String code, String date, String value) {
        return "{\"resourceType\": \"Observation\", \"id\": \"o" + (++ids) + "\", \"status\": \"final\", \"subject\": " + SUBJECT
                + ", \"code\": {\"coding\": [{\"system\": \"" + system + "\", \"code\": \"" + code + "\"}]}"
                + (date == null ? "" : ", \"effectiveDateTime\": \"" + date + "\"") + ", " + value + "}";
    }
}
