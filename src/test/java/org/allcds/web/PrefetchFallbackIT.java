package org.allcds.web;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conformance §2.4 (the service-side prefetch decision table) and §8 C22–C31 over HTTP, with WireMock as the EHR's
 * FHIR server (MOCKFHIR). The allowlist holds the mock's {@code /fhir} base and one allowed but unreachable server.
 */
class PrefetchFallbackIT extends AbstractHttpIT {

    private static final String FHIR_JSON = "application/fhir+json";
    /** Far below the fetch deadline and the client timeout: a failed fetch must not hang the call. */
    private static final Duration FAST = Duration.ofSeconds(4);

    /** Example A with one key removed, pointed at {@code fhirServer}, with or without a token. */
    private static ObjectNode without(String key, String fhirServer, String token) {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("prefetch")).remove(key);
        if (fhirServer != null) {
            body.put("fhirServer", fhirServer);
        }
        if (token != null) {
            body.set("fhirAuthorization", JSON.readTree("""
                    {"access_token": "%s", "token_type": "Bearer", "expires_in": 300,
                     "scope": "user/Patient.read user/Observation.read", "subject": "all-cds"}""".formatted(token)));
        }
        return body;
    }

    private static void stubFhir(String url, String fixture) {
        FHIR.stubFor(WireMock.get(urlEqualTo(url)).willReturn(okForContentType(FHIR_JSON, fhirFixture(fixture))));
    }

    /** The first page of example A's search of this type, whatever code list the template asks for. */
    private static void stubSearch(String type, String fixture) {
        FHIR.stubFor(WireMock.get(urlPathEqualTo("/fhir/" + type)).withQueryParam("patient", equalTo("example-a"))
                .withQueryParam("_page", absent()).willReturn(okForContentType(FHIR_JSON, fhirFixture(fixture))));
    }

    // --- absent key, fhirServer given ---

    @Test
    void omittedKey_isFetchedWithTheTokenAsBearer() {
        stubFhir("/fhir/Patient/example-a", "patient-example-a");

        HttpResponse<String> response = callService(RISK, without("patient", fhirBase(), TOKEN));

        // §8 C22: 200; MOCKFHIR received exactly the template URL with the token as Bearer
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(1, getRequestedFor(urlEqualTo("/fhir/Patient/example-a"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        FHIR.verify(1, anyRequestedFor(anyUrl()));
        // The fetched Patient is used: its birth date appears among the inputs of the NCI card
        List<JsonNode> findings = CardChecks.assertValidResponse(json(response));
        assertThat(CardChecks.hasFinding(findings, "nci-risk", "NCI", "STANDARD")).isTrue();
        assertThat(json(response).findValuesAsString("value")).anySatisfy(v -> assertThat(v).startsWith("2020-02-10"));
    }

    @Test
    void omittedKey_tokensAreSubstitutedUrlEncoded() {
        ObjectNode body = without("conditions", fhirBase(), TOKEN);
        ((ObjectNode) body.get("context")).put("patientId", "a b|c/ü");
        ((ObjectNode) body.get("prefetch")).putNull("patient"); // example A's Patient is not this patient (contract D1)
        FHIR.stubFor(WireMock.get(urlPathEqualTo("/fhir/Condition")).willReturn(
                okForContentType(FHIR_JSON, fhirFixture("empty-searchset"))));

        HttpResponse<String> response = callService(RISK, body);

        // §8 C22: tokens substituted, URL-encoded (a value cannot add path segments or query parameters)
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<LoggedRequest> requests = FHIR.findAll(getRequestedFor(urlPathEqualTo("/fhir/Condition")));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getUrl()).startsWith("/fhir/Condition?patient=a%20b%7Cc%2F%C3%BC&");
        assertThat(requests.get(0).queryParameter("patient").firstValue()).isEqualTo("a b|c/ü");
    }

    @Test
    void omittedKey_fhirServerWithTrailingSlash_isFetchedWithoutDoubleSlash() {
        stubFhir("/fhir/Patient/example-a", "patient-example-a");

        HttpResponse<String> response = callService(RISK, without("patient", fhirBase() + "/", TOKEN));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(1, getRequestedFor(urlEqualTo("/fhir/Patient/example-a")));
    }

    @Test
    void omittedKey_withoutFhirAuthorization_isFetchedWithoutAuthorizationHeader() {
        stubFhir("/fhir/Patient/example-a", "patient-example-a");

        HttpResponse<String> response = callService(RISK, without("patient", fhirBase(), null));

        // §8 C23: 200; MOCKFHIR received the request without Authorization
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(1, getRequestedFor(urlEqualTo("/fhir/Patient/example-a")).withHeader("Authorization", absent()));
    }

    @Test
    void everyOmittedKey_isFetched() {
        stubFhir("/fhir/Patient/example-a", "patient-example-a");
        stubSearch("Condition", "conditions-example-a");
        stubSearch("Observation", "observations-example-a");
        stubSearch("Procedure", "empty-searchset");
        ObjectNode body = without("patient", fhirBase(), TOKEN);
        body.remove("prefetch");

        HttpResponse<String> response = callService(RISK, body);

        // §2.4 "absent (or the whole prefetch member absent) + fhirServer": every template is fetched
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(4, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(CardChecks.hasFinding(CardChecks.assertValidResponse(json(response)), "nci-risk", "NCI", "STANDARD"))
                .isTrue();
    }

    // --- absent key, no fhirServer ---

    @Test
    void omittedKey_withoutFhirServer_is412NamingTheKey() {
        HttpResponse<String> response = callService(RISK, without("observations", null, null));

        // §8 C24: 412; the body is an OperationOutcome naming the prefetch key
        assertOperationOutcome(response, 412, "'observations'");
        FHIR.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void prefetchMemberAbsent_withoutFhirServer_is412() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.remove("prefetch");

        // §8 C25: no prefetch at all, no fhirServer → 412 naming the first key that cannot be obtained
        assertOperationOutcome(callService(RISK, body), 412, "Prefetch key 'patient'");
    }

    // --- fetch failures ---

    @ParameterizedTest(name = "MOCKFHIR answers HTTP {0}")
    @ValueSource(ints = {401, 403, 404, 500, 503})
    void omittedKey_fhirServerAnswersError_is412(int status) {
        FHIR.stubFor(WireMock.get(urlEqualTo("/fhir/Patient/example-a")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", FHIR_JSON).withBody(fhirFixture("operation-outcome"))));

        HttpResponse<String> response = callService(RISK, without("patient", fhirBase(), TOKEN));

        // §8 C26: 401/500 from MOCKFHIR → 412 (not 500), naming the key
        assertOperationOutcome(response, 412, "'patient'", "HTTP " + status);
        FHIR.verify(1, getRequestedFor(urlEqualTo("/fhir/Patient/example-a")));
    }

    @Test
    void omittedKey_fhirServerTimesOut_is412Fast() {
        FHIR.stubFor(WireMock.get(urlEqualTo("/fhir/Patient/example-a")).willReturn(
                okForContentType(FHIR_JSON, fhirFixture("patient-example-a")).withFixedDelay(4000)));

        long start = System.nanoTime();
        HttpResponse<String> response = callService(RISK, without("patient", fhirBase(), TOKEN));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // §8 C26: a server slower than allcds.fhir.timeout (1 s here) → 412, not a hang
        assertOperationOutcome(response, 412, "'patient'", "timed out");
        assertThat(elapsed).isLessThan(Duration.ofMillis(3900));
    }

    @Test
    void omittedKey_fhirServerUnreachable_is412Fast() {
        long start = System.nanoTime();
        HttpResponse<String> response = callService(RISK, without("patient", UNREACHABLE_FHIR, TOKEN));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // §8 C26: an allowed server where nothing listens → 412
        assertOperationOutcome(response, 412, "'patient'", "unreachable");
        assertThat(elapsed).isLessThan(FAST);
    }

    @Test
    void omittedKey_fhirServerDropsTheConnection_is412() {
        FHIR.stubFor(WireMock.get(urlEqualTo("/fhir/Patient/example-a"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertOperationOutcome(callService(RISK, without("patient", fhirBase(), TOKEN)), 412, "'patient'");
    }

    @Test
    void omittedKey_fhirServerAnswersNonFhir_is412() {
        FHIR.stubFor(WireMock.get(urlEqualTo("/fhir/Patient/example-a")).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>")));

        assertOperationOutcome(callService(RISK, without("patient", fhirBase(), TOKEN)), 412, "'patient'", "not FHIR");
    }

    @Test
    void omittedKey_fhirServerAnswersOperationOutcome_is412() {
        stubFhir("/fhir/Patient/example-a", "operation-outcome");

        // §2.4: an OperationOutcome where a Patient was expected is no data → 412 naming the key
        assertOperationOutcome(callService(RISK, without("patient", fhirBase(), TOKEN)), 412, "'patient'");
    }

    @Test
    void omittedKey_redirectIsNotFollowed_is412() {
        FHIR.stubFor(WireMock.get(urlEqualTo("/fhir/Patient/example-a")).willReturn(
                aResponse().withStatus(302).withHeader("Location", FHIR.baseUrl() + "/elsewhere/Patient/example-a")));

        assertOperationOutcome(callService(RISK, without("patient", fhirBase(), TOKEN)), 412, "'patient'", "redirect");
        FHIR.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere/Patient/example-a")));
    }

    // --- the allowlist ---

    @ParameterizedTest(name = "fhirServer {0}")
    @ValueSource(strings = {"/other", "/fhir-evil"})
    void fhirServerOutsideTheAllowlist_receivesNoRequest_andCallerGets412(String path) {
        stubFhir("/other/Patient/example-a", "patient-example-a");

        HttpResponse<String> response = callService(RISK, without("patient", FHIR.baseUrl() + path, TOKEN));

        // Issue 2 §5: only allowed servers are ever contacted; data neither prefetched nor fetchable → 412
        assertOperationOutcome(response, 412, "'patient'");
        FHIR.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Sent as written, a dot segment could reach another path than the one allowed: a 400 naming fhirServer. */
    @ParameterizedTest(name = "fhirServer {0}")
    @ValueSource(strings = {"/fhir/../admin", "/admin/../fhir"})
    void fhirServerWithADotSegment_receivesNoRequest_andCallerGets400(String path) {
        HttpResponse<String> response = callService(RISK, without("patient", FHIR.baseUrl() + path, TOKEN));

        assertOperationOutcome(response, 400, "fhirServer must not have a '.' or '..' segment in its path.");
        FHIR.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void fhirServerOnAnotherHostName_receivesNoRequest() {
        // The mock listens on 127.0.0.1 too, but only http://localhost:<port>/fhir is allowed
        String otherHost = "http://127.0.0.1:" + FHIR.port() + "/fhir";
        stubFhir("/fhir/Patient/example-a", "patient-example-a");

        assertOperationOutcome(callService(RISK, without("patient", otherHost, TOKEN)), 412, "'patient'");
        FHIR.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- null, empty and OperationOutcome values ---

    @Test
    void nullValue_isNeverFetched() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        ((ObjectNode) body.get("prefetch")).putNull("procedures");
        ((ObjectNode) body.get("prefetch")).putNull("conditions");

        HttpResponse<String> response = callService(RISK, body);

        // §8 C27: a null prefetch value is never fetched; it means "no data" → 200
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(0, anyRequestedFor(anyUrl()));
        // No conditions → the diagnosis date is missing, named as such
        assertThat(CardChecks.hasFinding(CardChecks.assertValidResponse(json(response)), "missing-data", null,
                "diagnosis-date")).isTrue();
    }

    @Test
    void nullValue_isNotFetchedWhileAnOmittedKeyIs() {
        stubFhir("/fhir/Patient/example-a", "patient-example-a");
        ObjectNode body = without("patient", fhirBase(), TOKEN);
        ((ObjectNode) body.get("prefetch")).putNull("observations");

        HttpResponse<String> response = callService(RISK, body);

        // §8 C27 with C22: only the omitted key is fetched, never the null one
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(1, anyRequestedFor(anyUrl()));
        FHIR.verify(0, getRequestedFor(urlPathEqualTo("/fhir/Observation")));
    }

    @Test
    void emptySearchsetBundle_isNotRefetched() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        ((ObjectNode) body.get("prefetch")).set("procedures", JSON.readTree(fhirFixture("empty-searchset")));
        ((ObjectNode) body.get("prefetch")).set("conditions", JSON.readTree(
                "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": []}"));

        HttpResponse<String> response = callService(RISK, body);

        // §8 C28: a searchset Bundle with 0 entries → 200, no refetch
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(0, anyRequestedFor(anyUrl()));
        // No conditions → the diagnosis date is missing, named as such
        assertThat(CardChecks.hasFinding(CardChecks.assertValidResponse(json(response)), "missing-data", null,
                "diagnosis-date")).isTrue();
    }

    @Test
    void operationOutcomeValue_withoutFhirServer_is412() {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("prefetch")).set("patient", JSON.readTree(fhirFixture("operation-outcome")));

        // §8 C29: an OperationOutcome counts as missing; without fhirServer → 412 naming the key
        assertOperationOutcome(callService(RISK, body), 412, "'patient'", "OperationOutcome");
    }

    @Test
    void operationOutcomeValue_withFhirServer_isFetched() {
        stubFhir("/fhir/Patient/example-a", "patient-example-a");
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        ((ObjectNode) body.get("prefetch")).set("patient", JSON.readTree(fhirFixture("operation-outcome")));

        HttpResponse<String> response = callService(RISK, body);

        // §8 C29: with fhirServer, MOCKFHIR is queried and the result is 200
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(1, getRequestedFor(urlEqualTo("/fhir/Patient/example-a")).withHeader("Authorization", absent()));
        assertThat(CardChecks.hasFinding(CardChecks.assertValidResponse(json(response)), "nci-risk", "NCI", "STANDARD"))
                .isTrue();
    }

    @Test
    void bundleOfOnlyOperationOutcomes_withFhirServer_isFetched() {
        stubSearch("Observation", "observations-example-a");
        ObjectNode body = without("observations", fhirBase(), TOKEN);
        ((ObjectNode) body.get("prefetch")).set("observations", JSON.readTree("""
                {"resourceType": "Bundle", "type": "searchset",
                 "entry": [{"resource": %s}]}""".formatted(fhirFixture("operation-outcome"))));

        HttpResponse<String> response = callService(RISK, body);

        // §2.4: "a Bundle whose entries are OperationOutcomes" → the client failed to prefetch; fetch it
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Observation")).withQueryParam("patient", equalTo("example-a"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    // --- paging ---

    @Test
    void prefetchedBundleWithNextLink_nextPageIsFetchedAndUsed() {
        stubFhir("/fhir/Observation?patient=example-a&_page=2", "observations-page2");
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        body.set("fhirAuthorization", without("x", null, TOKEN).get("fhirAuthorization"));
        ((ObjectNode) body.get("prefetch")).set("observations", JSON.readTree(fhirFixture("observations-page1")));

        HttpResponse<String> response = callService(RISK, body);

        // §8 C30: the next page is requested (with the token) and its data used: the WBC is on page 2 only
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(1, getRequestedFor(urlEqualTo("/fhir/Observation?patient=example-a&_page=2"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        List<JsonNode> findings = CardChecks.assertValidResponse(json(response));
        assertThat(CardChecks.hasFinding(findings, "nci-risk", "NCI", "STANDARD")).as("findings %s", findings).isTrue();
        assertThat(json(response).findValuesAsString("reference")).contains("Observation/wbc-a");
    }

    @Test
    void fetchedBundleWithNextLink_allPagesAreRead() {
        stubSearch("Observation", "observations-page1");
        stubFhir("/fhir/Observation?patient=example-a&_page=2", "observations-page2");

        HttpResponse<String> response = callService(RISK, without("observations", fhirBase(), TOKEN));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FHIR.verify(2, getRequestedFor(urlPathEqualTo("/fhir/Observation")));
        assertThat(json(response).findValuesAsString("reference")).contains("Observation/wbc-a");
    }

    @Test
    void nextLinkOutsideTheAllowlist_receivesNoRequest() {
        stubFhir("/elsewhere/Observation?page=2", "observations-page2");
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        body.set("fhirAuthorization", without("x", null, TOKEN).get("fhirAuthorization"));
        ObjectNode page1 = (ObjectNode) JSON.readTree(fhirFixture("observations-page1"));
        ((ObjectNode) page1.at("/link/1")).put("url", FHIR.baseUrl() + "/elsewhere/Observation?page=2");
        ((ObjectNode) body.get("prefetch")).set("observations", page1);

        HttpResponse<String> response = callService(RISK, body);

        // Only allowed servers are ever contacted, next links included (the token must not leak off the allowlist);
        // the complete result cannot be read, so the key is unavailable: 412 naming it, never a partial answer.
        FHIR.verify(0, anyRequestedFor(anyUrl()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(412);
        assertThat(json(response).at("/issue/0/diagnostics").asString()).contains("'observations'");
    }

    @Test
    void nextLinkPageFails_is412() {
        FHIR.stubFor(WireMock.get(urlEqualTo("/fhir/Observation?patient=example-a&_page=2"))
                .willReturn(aResponse().withStatus(500)));
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        ((ObjectNode) body.get("prefetch")).set("observations", JSON.readTree(fhirFixture("observations-page1")));

        assertOperationOutcome(callService(RISK, body), 412, "'observations'");
    }

    // --- request-level checks ---

    @Test
    void fhirAuthorizationWithoutFhirServer_is400() {
        // §8 C31: cds-r-1, fhirServer is required when fhirAuthorization is present
        assertOperationOutcome(callService(RISK, without("patient", null, TOKEN)), 400, "fhirAuthorization", "fhirServer");
        FHIR.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void fhirServerThatIsNotAUrl_is400() {
        assertOperationOutcome(callService(RISK, without("patient", "not a url", null)), 400, "fhirServer");
    }
}
