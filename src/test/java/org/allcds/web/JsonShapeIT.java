package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Worked example D (an early isolated marrow relapse) with one element given a JSON shape FHIR does not give it, over
 * HTTP: the element is never used and never silently dropped (an invalid-value finding names it and its resource), a
 * record whose status cannot be read is left out as if void, and a patient key holding another type is a 400.
 */
class JsonShapeIT extends AbstractHttpIT {

    private static final String RELAPSE_OBSERVATION = "Observation/observation-6";

    @Test
    void relapseCodingGivenAsAnObject_isAnInvalidValueNamingIt_notAnEmptyAnswer() {
        HttpResponse<String> response = callExampleD(d -> ((ObjectNode) relapse(d).get("code")).set("coding", JSON.readTree(
                "{\"system\": \"x\"}")));

        assertInvalidValue(response, "Observation.code.coding", RELAPSE_OBSERVATION);
    }

    @Test
    void relapseStatusGivenAsAnObject_leavesTheRelapseOut_asTheStatusItself() {
        HttpResponse<String> asObject = callExampleD(d -> relapse(d).set("status", JSON.readTree(
                "{\"value\": \"entered-in-error\"}")));
        HttpResponse<String> asCode = callExampleD(d -> relapse(d).put("status", "entered-in-error"));

        assertInvalidValue(asObject, "Observation.status", RELAPSE_OBSERVATION);
        assertThat(clinical(asObject)).isEqualTo(clinical(asCode)).noneMatch(f -> f.startsWith("relapse"));
        assertThat(asObject.body()).doesNotContain("HSCT");
    }

    @Test
    void diagnosisCodingGivenAsAnObject_isAnInvalidValueNamingIt() {
        HttpResponse<String> response = callExampleD(d -> ((ObjectNode) d.at("/prefetch/conditions/entry/0/resource/code"))
                .set("coding", JSON.readTree("{\"system\": \"x\"}")));

        assertInvalidValue(response, "Condition.code.coding", "Condition/condition-2");
    }

    @Test
    void relapseSiteGivenAsAString_isAnInvalidValueNamingIt() {
        HttpResponse<String> response = callExampleD(d -> ((ObjectNode) relapse(d).at("/component/0"))
                .put("valueCodeableConcept", "isolated-marrow"));

        assertInvalidValue(response, "Observation.component.value[x]", RELAPSE_OBSERVATION);
    }

    @Test
    void practitionerAsPrefetchPatient_is400NamingTheKey() {
        HttpResponse<String> response = callExampleD(d -> ((ObjectNode) d.get("prefetch")).set("patient",
                JSON.readTree("{\"resourceType\": \"Practitioner\", \"id\": \"p1\"}")));

        assertOperationOutcome(response, 400, "prefetch.patient", "Practitioner");
    }

    /** An entry that is no entry object was skipped as one without a resource: the relapse vanished, a 200 with no card. */
    @Test
    void relapseEntryGivenAsANumber_is400NamingTheEntry_notAnEmptyAnswer() {
        HttpResponse<String> response = callExampleD(d -> ((ArrayNode) d.at("/prefetch/observations/entry")).set(2, 5));

        assertOperationOutcome(response, 400, "prefetch.observations.entry[2] is not a Bundle entry");
    }

    @Test
    void relapseEntryResourceGivenAsANumber_is400NamingTheEntrysResource() {
        HttpResponse<String> response = callExampleD(d -> ((ObjectNode) d.at("/prefetch/observations/entry/2"))
                .put("resource", 7));

        assertOperationOutcome(response, 400, "prefetch.observations.entry[2].resource is not a FHIR resource");
    }

    private static ObjectNode relapse(ObjectNode request) {
        return (ObjectNode) request.at("/prefetch/observations/entry/2/resource");
    }

    private HttpResponse<String> callExampleD(Consumer<ObjectNode> change) {
        try {
            ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(
                    Path.of("fhir-profiles/requests/ped-all-relapse-example-d.json")));
            change.accept(request);
            return callService(RELAPSE, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertInvalidValue(HttpResponse<String> response, String element, String reference) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> findings = CardChecks.assertValidResponse(json(response));
        assertThat(CardChecks.hasFinding(findings, "data-quality", null, "invalid-value")).as(response.body()).isTrue();
        assertThat(json(response).findValues("inputs").stream().flatMap(inputs -> inputs.valueStream())
                .filter(input -> input.toString().contains(element)))
                .as("the input naming %s in %s", element, response.body())
                .anySatisfy(input -> assertThat(input.toString()).contains(reference));
    }

    /** The findings other than data-quality ones, as "type scheme value". */
    private static Set<String> clinical(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CardChecks.assertValidResponse(json(response)).stream()
                .filter(f -> !f.path("type").asString().equals("data-quality"))
                .map(f -> f.path("type").asString() + " " + f.path("scheme").asString("-") + " " + f.path("value").asString())
                .collect(Collectors.toSet());
    }
}
