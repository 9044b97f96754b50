package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.allcds.hooks.CdsResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An EHR calls both patient-view services on every chart. On the chart of a child who never relapsed the relapse
 * service has nothing of its own to say, and its copy of the risk service's missing-data and data-quality cards would
 * only be read twice. Where the record may hold a relapse, even one the service cannot read (its code, status or
 * subject not valid FHIR, as the HTTP path reads them), it must speak and name the record.
 */
class WhereTheRelapseServiceSpeaksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RISK = "ped-all-risk";
    private static final String RELAPSE = "ped-all-relapse";
    /** Worked example A: a newly diagnosed child, no relapse. */
    private static final Path EXAMPLE_A = Path.of("fhir-profiles/requests/ped-all-risk-example-a.json");
    /** Worked example D: an early isolated marrow relapse; its relapse is the third Observation. */
    private static final Path EXAMPLE_D = Path.of("fhir-profiles/requests/ped-all-relapse-example-d.json");

    @Test
    void noRelapse_birthDateMissing_onlyTheRiskServiceAsksForIt() throws Exception {
        Consumer<ObjectNode> noBirthDate = a -> ((ObjectNode) a.at("/prefetch/patient")).remove("birthDate");

        assertThat(findings(RISK, EXAMPLE_A, noBirthDate)).contains("missing-data:birth-date");
        assertThat(findings(RELAPSE, EXAMPLE_A, noBirthDate)).isEmpty();
    }

    @Test
    void relapse_birthDateMissing_theRelapseServiceAsksForIt() throws Exception {
        assertThat(findings(RELAPSE, EXAMPLE_D, d -> ((ObjectNode) d.at("/prefetch/patient")).remove("birthDate")))
                .contains("missing-data:birth-date");
    }

    @Test
    void relapseStatusNotValidFhir_theRelapseServiceNamesTheRecord() throws Exception {
        assertThat(findings(RELAPSE, EXAMPLE_D, d -> relapse(d).set("status", JSON.readTree("{\"code\": \"final\"}"))))
                .contains("data-quality:invalid-value").noneMatch(f -> f.startsWith("relapse-timing"));
    }

    @Test
    void relapseCodeNotValidFhir_theRelapseServiceNamesTheRecord() throws Exception {
        assertThat(findings(RELAPSE, EXAMPLE_D, d -> relapse(d).put("code", "relapse")))
                .contains("data-quality:invalid-value").noneMatch(f -> f.startsWith("relapse-timing"));
    }

    @Test
    void relapseSubjectNotValidFhir_theRelapseServiceNamesTheRecord() throws Exception {
        assertThat(findings(RELAPSE, EXAMPLE_D, d -> relapse(d).put("subject", 7)))
                .contains("data-quality:invalid-value").noneMatch(f -> f.startsWith("relapse-timing"));
    }

    @Test
    void noRelapse_anotherPatientsRelapse_onlyTheRiskServiceSaysItWasLeftOut() throws Exception {
        ObjectNode relapse = relapse((ObjectNode) JSON.readTree(Files.readString(EXAMPLE_D)));
        relapse.set("subject", JSON.readTree("{\"reference\": \"Patient/someone-else\"}"));
        Consumer<ObjectNode> foreignRelapse = a -> ((ArrayNode) a.at("/prefetch/observations/entry")).addObject()
                .set("resource", relapse.deepCopy());

        assertThat(findings(RISK, EXAMPLE_A, foreignRelapse)).contains("data-quality:foreign-subject-excluded");
        assertThat(findings(RELAPSE, EXAMPLE_A, foreignRelapse)).isEmpty();
    }

    @Test
    void noRelapse_aResultNotValidFhirThatIsNoRelapse_onlyTheRiskServiceNamesIt() throws Exception {
        Consumer<ObjectNode> wbcValueAsText = a -> observation(a, "6690-2").put("valueQuantity", "7.1");

        assertThat(findings(RISK, EXAMPLE_A, wbcValueAsText)).contains("data-quality:invalid-value");
        assertThat(findings(RELAPSE, EXAMPLE_A, wbcValueAsText)).isEmpty();
    }

    /** A result whose code was read and is none of the service's inputs cannot have been a relapse, readable or not. */
    @Test
    void noRelapse_anUnreadableResultOfAnotherKind_onlyTheRiskServiceNamesIt() throws Exception {
        Consumer<ObjectNode> haemoglobinStatusUnreadable = a -> {
            ObjectNode haemoglobin = observation(a, "6690-2").deepCopy();
            haemoglobin.put("id", "hb").put("status", "final ");
            haemoglobin.set("code", JSON.readTree("{\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"718-7\"}]}"));
            ((ArrayNode) a.at("/prefetch/observations/entry")).addObject().set("resource", haemoglobin);
        };

        assertThat(findings(RISK, EXAMPLE_A, haemoglobinStatusUnreadable)).contains("data-quality:invalid-value");
        assertThat(findings(RELAPSE, EXAMPLE_A, haemoglobinStatusUnreadable)).isEmpty();
    }

    /** Whose records they are cannot be told: left out, and each service says so rather than nothing (contract §4). */
    @Test
    void everyAllRecordWithASubjectNotValidFhir_bothServicesSayTheyWereNotUsed() throws Exception {
        Consumer<ObjectNode> subjectsAsNumbers = d -> List.of("conditions", "observations", "procedures").forEach(key ->
                d.at("/prefetch/" + key + "/entry").forEach(e -> ((ObjectNode) e.get("resource")).put("subject", 7)));

        for (String service : List.of(RISK, RELAPSE)) {
            assertThat(findings(service, EXAMPLE_D, subjectsAsNumbers)).as(service).contains("data-quality:invalid-value")
                    .allMatch(f -> f.startsWith("data-quality:"));
        }
    }

    private static ObjectNode relapse(ObjectNode request) {
        return observation(request, "relapse");
    }

    /** The Observation whose first coding has {@code code}. */
    private static ObjectNode observation(ObjectNode request, String code) {
        for (JsonNode entry : request.at("/prefetch/observations/entry")) {
            if (code.equals(entry.at("/resource/code/coding/0/code").asString())) {
                return (ObjectNode) entry.get("resource");
            }
        }
        throw new IllegalArgumentException("no Observation coded " + code);
    }

    /** type:value of every finding the service gives for the example, changed as {@code change} says. */
    private static List<String> findings(String service, Path example, Consumer<ObjectNode> change) throws Exception {
        CdsResponse response = ExampleCalls.call(service, example, change);
        List<String> found = new ArrayList<>();
        for (JsonNode list : JSON.valueToTree(response).get("cards").findValues("findings")) {
            list.forEach(f -> found.add(f.get("type").asString() + ":" + f.get("value").asString()));
        }
        return found;
    }
}
