package org.allcds.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Data contract §2a over HTTP: whose data is used, whether prefetched or fetched, and fresh fetches (D6). */
class PatientIntegrityIT extends AbstractHttpIT {

    /** A WBC high enough for NCI high risk and a BCR::ABL1 result, both of another patient. */
    private static final String FOREIGN_ENTRIES = """
            [{"fullUrl": "https://ehr.example.org/fhir/Observation/wbc-x",
              "resource": {"resourceType": "Observation", "id": "wbc-x", "status": "final",
                "subject": {"reference": "Patient/someone-else"},
                "code": {"coding": [{"system": "http://loinc.org", "code": "6690-2"}]},
                "effectiveDateTime": "2024-05-06",
                "valueQuantity": {"value": 120, "system": "http://unitsofmeasure.org", "code": "10*9/L"}}},
             {"fullUrl": "https://ehr.example.org/fhir/Observation/bcr-x",
              "resource": {"resourceType": "Observation", "id": "bcr-x", "status": "final",
                "subject": {"reference": "Patient/someone-else"},
                "code": {"coding": [{"system": "https://all-cds.org/fhir/CodeSystem/all-cds", "code": "genetic-subtype"}]},
                "effectiveDateTime": "2024-05-08",
                "valueCodeableConcept": {"coding": [{"system": "https://all-cds.org/fhir/CodeSystem/all-cds",
                  "code": "bcr-abl1"}]}}}]""";

    @Test
    void anotherPatientAsPrefetchPatient_is400NamingTheKey() {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.path("prefetch").path("patient")).put("id", "someone-else");

        JsonNode outcome = assertOperationOutcome(callService(RISK, body), 400, "prefetch.patient");

        assertThat(outcome.toString()).doesNotContain("someone-else");
    }

    @Test
    void aPatientInsideThePrefetchedObservations_is400NamingItsEntry() {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ArrayNode) body.path("prefetch").path("observations").path("entry")).addObject().putObject("resource")
                .put("resourceType", "Patient").put("id", "someone-else");

        JsonNode outcome = assertOperationOutcome(callService(RISK, body), 400, "prefetch.observations must be a"
                + " Bundle of the Observations its template searches for, not a Patient"
                + " (prefetch.observations.entry[6].resource).");

        assertThat(outcome.toString()).doesNotContain("someone-else", "prefetch.patient");
    }

    @Test
    void foreignObservationsFromTheFhirServer_changeNoFinding() {
        ObjectNode fetched = (ObjectNode) JSON.readTree(fhirFixture("observations-example-a"));
        ((ArrayNode) fetched.get("entry")).addAll((ArrayNode) JSON.readTree(FOREIGN_ENTRIES));
        HttpResponse<String> withForeign = callWithObservationsFetched(fetched);
        HttpResponse<String> clean = callService(RISK, request("ped-all-risk/example-a"));

        assertThat(withForeign.statusCode()).as(withForeign.body()).isEqualTo(200);
        List<JsonNode> findings = CardChecks.assertValidResponse(json(withForeign));
        assertThat(clinical(findings)).isEqualTo(clinical(CardChecks.assertValidResponse(json(clean))))
                .contains("nci-risk NCI STANDARD");
        assertThat(CardChecks.hasFinding(findings, "data-quality", null, "foreign-subject-excluded")).isTrue();
        assertThat(withForeign.body()).contains("2 records").doesNotContain("someone-else");
    }

    @Test
    void anotherPatientIncludedByTheFhirServersSearch_isIgnored() {
        ObjectNode fetched = (ObjectNode) JSON.readTree(fhirFixture("observations-example-a"));
        ((ArrayNode) fetched.get("entry")).add(JSON.readTree("""
                {"fullUrl": "https://ehr.example.org/fhir/Patient/someone-else", "search": {"mode": "include"},
                 "resource": {"resourceType": "Patient", "id": "someone-else", "birthDate": "2005-03-01"}}"""));
        HttpResponse<String> withIncluded = callWithObservationsFetched(fetched);
        HttpResponse<String> clean = callService(RISK, request("ped-all-risk/example-a"));

        assertThat(withIncluded.statusCode()).as(withIncluded.body()).isEqualTo(200);
        assertThat(clinical(CardChecks.assertValidResponse(json(withIncluded))))
                .isEqualTo(clinical(CardChecks.assertValidResponse(json(clean))));
    }

    @Test
    void everyFetch_asksTheServerNotToServeACachedSearch() {
        FHIR.stubFor(WireMock.get(urlPathEqualTo("/fhir/Observation"))
                .willReturn(okForContentType("application/fhir+json", fhirFixture("observations-example-a"))));
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("prefetch")).remove("observations");
        body.put("fhirServer", fhirBase());

        assertThat(callService(RISK, body).statusCode()).isEqualTo(200);

        FHIR.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Observation")).withHeader("Cache-Control", equalTo("no-cache")));
    }

    /** Example A's risk call, its observations fetched from the FHIR server, which answers {@code fetched}. */
    private HttpResponse<String> callWithObservationsFetched(ObjectNode fetched) {
        FHIR.stubFor(WireMock.get(urlPathEqualTo("/fhir/Observation"))
                .willReturn(okForContentType("application/fhir+json", fetched.toString())));
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("prefetch")).remove("observations");
        body.put("fhirServer", fhirBase());
        return callService(RISK, body);
    }

    /** The findings other than data-quality ones, as "type scheme value". */
    private static Set<String> clinical(List<JsonNode> findings) {
        return findings.stream().filter(f -> !f.path("type").asString().equals("data-quality"))
                .map(f -> f.path("type").asString() + " " + f.path("scheme").asString("-") + " " + f.path("value").asString())
                .collect(Collectors.toSet());
    }
}
