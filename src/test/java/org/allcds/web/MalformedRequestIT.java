package org.allcds.web;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conformance §8 D34–D41, D43, D44 (D42, the body limit, is {@link BodyLimitIT}): bad input is a 4xx with an
 * OperationOutcome whose diagnostics name the JSON path, never a 500.
 */
class MalformedRequestIT extends AbstractHttpIT {

    private static final String SERVICE = "/cds-services/" + RISK;

    @Test
    void notJson_is400() {
        // §8 D34: body {not json → 400 (not 500), an OperationOutcome
        assertOperationOutcome(post(SERVICE, "{not json"), 400, "not valid JSON", "line 1");
    }

    /** One plain sentence with line and column; never the JSON parser's own class, token or setting names. */
    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"{", "{\"hook\":\"patient-view\"}{}"})
    void notJson_isSaidWithoutTheParsersNames(String body) {
        JsonNode outcome = assertOperationOutcome(post(SERVICE, body), 400, "The request body is not valid JSON (line 1,",
                body.equals("{") ? "it ends inside an object." : "a second JSON value follows the first.");

        assertThat(outcome.toString()).doesNotContain("`", "Feature", "Source", "jackson", "JsonToken");
    }

    @Test
    void emptyBody_is400() {
        assertOperationOutcome(post(SERVICE, ""), 400, "empty");
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"[]", "\"x\"", "42", "null"})
    void bodyThatIsNotAnObject_is400(String body) {
        assertOperationOutcome(post(SERVICE, body), 400, "JSON object");
    }

    @Test
    void duplicateMember_is400() {
        assertOperationOutcome(post(SERVICE, """
                {"hook": "patient-view", "hook": "order-sign", "hookInstance": "x", "context": {}}"""), 400, "not valid JSON");
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"hook", "hookInstance", "context"})
    void missingRequiredMember_is400NamingIt(String member) {
        ObjectNode body = request("ped-all-risk/example-a");
        body.remove(member);

        // §8 D35: missing hook / hookInstance / context → 400
        assertOperationOutcome(callService(RISK, body), 400, member + " is required");
    }

    @ParameterizedTest(name = "without context.{0}")
    @ValueSource(strings = {"patientId", "userId"})
    void missingRequiredContextField_is400NamingIt(String field) {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("context")).remove(field);

        // §8 D36: patient-view requires context.patientId (and userId, CDS Hooks library 1.0.1)
        assertOperationOutcome(callService(RISK, body), 400, "context." + field, "patient-view");
    }

    @Test
    void hookNotMatchingTheService_is400() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("hook", "order-sign");

        // §8 D37: hook order-sign posted to a patient-view service → 400
        assertOperationOutcome(callService(RISK, body), 400, "hook 'order-sign'", RISK, "patient-view");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("context", "\"x\"", "context must be a JSON object"),
                Arguments.of("prefetch", "[]", "prefetch must be a JSON object"),
                Arguments.of("hookInstance", "123", "hookInstance must be a non-empty string"),
                Arguments.of("hook", "true", "hook must be a non-empty string"),
                Arguments.of("hookInstance", "\"\"", "hookInstance must be a non-empty string"),
                Arguments.of("fhirServer", "42", "fhirServer must be a string"),
                Arguments.of("fhirAuthorization", "\"token\"", "fhirAuthorization must be a JSON object"),
                Arguments.of("extension", "[]", "extension must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wrongTypes")
    void wrongJsonType_is400NamingThePath(String member, String value, String diagnostics) {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        body.set(member, JSON.readTree(value));

        // §8 D38: wrong JSON types → 400
        assertOperationOutcome(callService(RISK, body), 400, diagnostics);
    }

    /**
     * CDS Hooks: JSON values SHALL NOT be null. A null where the contract defines a value is a 400 naming the path, not
     * read as absent (which would silently fall back to a default); prefetch values are the exception the spec makes.
     */
    @ParameterizedTest(name = "{0} null")
    @ValueSource(strings = {"fhirServer", "fhirAuthorization", "extension", "prefetch", "hook"})
    void definedMemberThatIsNull_is400NamingIt(String member) {
        ObjectNode body = request("ped-all-risk/example-a");
        body.putNull(member);

        assertOperationOutcome(callService(RISK, body), 400, member + " is null");
    }

    @Test
    void nullFhirAuthorizationPatient_is400NamingIt() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        body.set("fhirAuthorization", JSON.readTree("""
                {"access_token": "t", "token_type": "Bearer", "expires_in": 300, "scope": "patient/*.read",
                 "subject": "all-cds", "patient": null}"""));

        assertOperationOutcome(callService(RISK, body), 400, "fhirAuthorization.patient is null");
    }

    /** Members the contract does not define are ignored, whatever their value, null included. */
    @Test
    void unknownMembersThatAreNull_areIgnored() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.putNull("org.example.unknown");
        ((ObjectNode) body.get("context")).putNull("org.example.unknown");
        ((ObjectNode) body.get("extension")).putNull("org.example");
        ((ObjectNode) body.get("extension").get("org.allcds")).putNull("org.example.note");

        assertThat(callService(RISK, body).statusCode()).isEqualTo(200);
    }

    @Test
    void contextPatientIdOfWrongType_is400() {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("context")).put("patientId", 17);

        assertOperationOutcome(callService(RISK, body), 400, "context.patientId must be a non-empty string");
    }

    @Test
    void prefetchValueThatIsNotAResource_is400NamingTheKey() {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("prefetch")).put("patient", "Patient/example-a");
        assertOperationOutcome(callService(RISK, body), 400, "prefetch.patient");

        ((ObjectNode) body.get("prefetch")).set("patient", JSON.readTree("{\"id\": \"example-a\"}"));
        assertOperationOutcome(callService(RISK, body), 400, "prefetch.patient");
    }

    static Stream<Arguments> unparsableResources() {
        return Stream.of(
                Arguments.of("patient", "{\"resourceType\": \"NotAType\"}"),
                Arguments.of("conditions", "{\"resourceType\": \"Bundle\", \"entry\": [{}, {\"resource\": null}]}"),
                Arguments.of("observations", "{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {\"id\": \"o1\"}}]}"));
    }

    static Stream<Arguments> resourcesWithInvalidValues() {
        return Stream.of(
                Arguments.of("patient", "{\"resourceType\": \"Patient\", \"id\": \"example-a\", \"birthDate\": \"garbage\"}"),
                Arguments.of("patient", "{\"resourceType\": \"Patient\", \"id\": \"example-a\", \"birthDate\": 12}"),
                Arguments.of("patient", "{\"resourceType\": \"Patient\", \"id\": \"example-a\", \"birthDate\": \" 2020-02-10\"}"),
                Arguments.of("observations", """
                        {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Observation", "id": "o1",
                         "status": "final", "subject": {"reference": "Patient/example-a"},
                         "code": {"coding": [{"system": "http://loinc.org", "code": "6690-2"}]},
                         "valueQuantity": {"value": "abc"}}}]}"""));
    }

    /** A resource with a value that breaks its FHIR type is data, not a malformed request: a data-quality finding. */
    @ParameterizedTest(name = "prefetch.{0}: {1}")
    @MethodSource("resourcesWithInvalidValues")
    void prefetchResourceWithInvalidValue_isADataQualityFinding(String key, String value) {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("prefetch")).set(key, JSON.readTree(value));

        HttpResponse<String> response = callService(RISK, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> findings = CardChecks.assertValidResponse(json(response));
        assertThat(CardChecks.hasFinding(findings, "data-quality", null, "invalid-value")).as("findings %s", findings)
                .isTrue();
    }

    @ParameterizedTest(name = "prefetch.{0}: {1}")
    @MethodSource("unparsableResources")
    void prefetchResourceThatDoesNotParse_is400NamingTheKey(String key, String value) {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("prefetch")).set(key, JSON.readTree(value));

        // Data contract §5: invalid input is a 400 naming the prefetch key, never a 500
        assertOperationOutcome(callService(RISK, body), 400, "prefetch." + key);
    }

    @Test
    void fhirAuthorizationWithMissingMember_is400NamingThePath() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        body.set("fhirAuthorization", JSON.readTree("""
                {"access_token": "T", "token_type": "Bearer", "scope": "user/Patient.read", "subject": "all-cds"}"""));

        assertOperationOutcome(callService(RISK, body), 400, "fhirAuthorization.expires_in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nX-Injected: yes", "abc def", "abc\u00e9"})
    void anAccessTokenThatIsNoHeaderToken_is400NamingIt(String token) {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        ObjectNode auth = body.putObject("fhirAuthorization");
        auth.put("access_token", token).put("token_type", "Bearer").put("expires_in", 300)
                .put("scope", "user/Patient.read").put("subject", "all-cds");

        assertOperationOutcome(callService(RISK, body), 400, "fhirAuthorization.access_token");
    }

    @Test
    void unknownService_is404() {
        // §8 D39: POST to an unknown service → 404 naming the id; the body is not even read
        assertOperationOutcome(post("/cds-services/does-not-exist", fixture("requests/ped-all-risk/example-a.json")),
                404, "'does-not-exist'");
        assertOperationOutcome(post("/cds-services/does-not-exist", "{not json"), 404, "'does-not-exist'");
    }

    @Test
    void unknownPath_is404OperationOutcome() {
        assertOperationOutcome(get("/cds-services/" + RISK + "/not-a-thing"), 404);
    }

    /** The container's error page asked for directly is a path nothing serves, not an internal error (a 500 and a 5xx metric). */
    @Test
    void theErrorPageAskedForDirectly_is404NotA500() {
        assertOperationOutcome(get("/error"), 404, "No endpoint at this path");
        assertOperationOutcome(post("/error", "{}"), 404, "No endpoint at this path");
    }

    @Test
    void getOnAService_is405() {
        HttpResponse<String> response = get(SERVICE);

        // §8 D40: GET on a service → 405 (not 500) naming the allowed method
        assertOperationOutcome(response, 405, "GET", "POST");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST"));
    }

    @Test
    void textPlain_is415() {
        HttpResponse<String> response = postAs(SERVICE, "text/plain", fixture("requests/ped-all-risk/example-a.json"));

        // §8 D41: Content-Type text/plain with a JSON body → 415
        assertOperationOutcome(response, 415, "text/plain", "application/json");
    }

    @Test
    void discoveryAskedForXml_is406NotA500() {
        HttpResponse<String> response = get("/cds-services", "Accept", "application/xml");

        assertThat(response.statusCode()).isEqualTo(406);
    }

    @Test
    void noContentType_is415() {
        HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(uri(SERVICE))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(fixture("requests/ped-all-risk/example-a.json")))
                .build());

        assertOperationOutcome(response, 415, "application/json");
    }

    @Test
    void deeplyNestedJson_is400NotStackOverflow() {
        int depth = 100_000;
        String body = "{\"hook\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

        // §8 D43: JSON nested 100 000 levels → 400, no 500 and no StackOverflowError
        assertOperationOutcome(post(SERVICE, body), 400, "nested deeper than 100 levels at hook[0][0]");
        // and the service is still healthy
        assertThat(callService(RISK, request("ped-all-risk/example-a")).statusCode()).isEqualTo(200);
    }

    @Test
    void deeplyNestedObjectsInsideAPrefetchResource_is400() {
        int depth = 100_000;
        String nested = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        String body = fixture("requests/ped-all-risk/example-a.json")
                .replace("\"procedures\": null", "\"procedures\": " + nested);

        assertOperationOutcome(post(SERVICE, body), 400, "nested deeper than 100 levels at prefetch.procedures.a.a");
    }

    /** Which limit, and where: the path to the member that is too deep, cut short after the first members. */
    @Test
    void objectNestedOneLevelTooDeep_is400NamingTheLimitAndThePath() {
        ObjectNode body = request("ped-all-risk/example-a");
        String nested = "{\"a\":".repeat(99) + "1" + "}".repeat(99);
        String text = body.toString().replace("\"extension\":{", "\"extension\":{\"org.example\":" + nested + ",");

        JsonNode outcome = assertOperationOutcome(post(SERVICE, text), 400,
                "is nested deeper than 100 levels at extension.org.example.a.a.a");
        assertThat(outcome.toString()).doesNotContain("or has a value too long");
    }

    @Test
    void numberTooLong_is400NamingTheLimitAndThePath() {
        ObjectNode body = request("ped-all-risk/example-a");
        String text = body.toString().replace("\"context\":{", "\"context\":{\"n\":[0," + "1".repeat(1001) + "],");

        assertOperationOutcome(post(SERVICE, text), 400, "has a number longer than 1000 characters at context.n[1]");
    }

    /**
     * Bytes that are not UTF-8 are refused wherever they are, with their byte offset: a member name with 0xFF in it
     * was read as if the byte were not there (example A's {@code "user\xffId"} as {@code userId}), and an overlong
     * form (C0 AF, a disguised '/') was decoded.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FF in a member name", "FF in a value", "overlong C0 AF in a value", "E2 82 cut short in a value"})
    void invalidUtf8_is400NamingTheByteOffset(String where) {
        byte[] example = fixture("requests/ped-all-risk/example-a.json").getBytes(StandardCharsets.UTF_8);
        String text = new String(example, StandardCharsets.ISO_8859_1);
        byte[] body;
        int offset;
        switch (where) {
            case "FF in a member name" -> {
                offset = text.indexOf("\"userId\"") + 5;
                body = splice(example, offset, (byte) 0xFF);
            }
            case "FF in a value" -> {
                offset = text.indexOf("\"example-a\"") + 8;
                body = splice(example, offset, (byte) 0xFF);
            }
            case "overlong C0 AF in a value" -> {
                offset = text.indexOf("\"example-a\"") + 8;
                body = splice(example, offset, (byte) 0xC0, (byte) 0xAF);
            }
            default -> {
                int at = text.indexOf("\"example-a\"") + 8;
                body = splice(example, at, (byte) 0xE2, (byte) 0x82);
                offset = at + 2;
            }
        }

        assertOperationOutcome(postBytes(SERVICE, body), 400, "not valid UTF-8 at byte offset " + offset + " ");
    }

    private static byte[] splice(byte[] bytes, int at, byte... inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    private HttpResponse<String> postBytes(String path, byte[] body) {
        return send(java.net.http.HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void sameHookInstanceResent_is200BothTimes() {
        // §8 D44 (documented choice: idempotent): a re-sent hookInstance is answered again, with the same findings
        JsonNode first = json(callService(RISK, request("ped-all-risk/example-a")));
        HttpResponse<String> again = callService(RISK, request("ped-all-risk/example-a"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).findValues("findings")).isEqualTo(first.findValues("findings"));
    }

    @Test
    void badInputNeverCallsTheFhirServer() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        ((ObjectNode) body.get("prefetch")).remove("patient");
        body.put("hook", "order-sign");

        assertOperationOutcome(callService(RISK, body), 400, "hook");
        FHIR.verify(0, anyRequestedFor(anyUrl()));
    }
}
