package org.allcds.web;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Conformance §8 B8–B15, B19, B20, and the evaluation time of data-contract §3. */
class ServiceCallIT extends AbstractHttpIT {

    /** Sandbox-style request: fhirServer and a token, userId, every prefetch key satisfied. */
    private static ObjectNode sandboxStyle(String fixture) {
        ObjectNode body = request(fixture);
        body.put("fhirServer", fhirBase());
        body.set("fhirAuthorization", JSON.readTree("""
                {"access_token": "%s", "token_type": "Bearer", "expires_in": 300,
                 "scope": "user/Patient.read user/Observation.read user/Condition.read user/Procedure.read",
                 "subject": "all-cds"}""".formatted(TOKEN)));
        return body;
    }

    @Test
    void call_withFullPrefetch_answersCardsWithoutAnyOutboundRequest() {
        HttpResponse<String> response = callService(RISK, sandboxStyle("ped-all-risk/example-a"));

        // §8 B8: 200 with a cards array
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertJson(response);
        // Issue 2: responses with patient data carry Cache-Control: no-store
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        List<JsonNode> findings = CardChecks.assertValidResponse(json(response));
        assertThat(json(response).path("cards").size()).isPositive();
        // Worked example A: a girl of 4 with WBC 8.0 x10^9/L is NCI standard risk
        assertThat(CardChecks.hasFinding(findings, "nci-risk", "NCI", "STANDARD")).as("findings %s", findings).isTrue();
        // §2.4: prefetched data is used as given, never re-queried
        FHIR.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void everyCard_offersItsServicesOverrideReasons_eachWithADisplay() {
        JsonNode risk = json(callService(RISK, request("ped-all-risk/example-a")));

        assertThat(risk.path("cards").size()).isPositive();
        for (JsonNode card : risk.path("cards")) {
            // rules/services.yaml: ped-all-risk declares no list of its own, so its cards offer the default list
            assertThat(card.path("overrideReasons").findValuesAsString("code"))
                    .containsExactly("record-incomplete", "different-protocol", "already-addressed", "clinical-judgement");
            card.path("overrideReasons").forEach(r -> {
                assertThat(r.path("system").asString()).isEqualTo("https://all-cds.org/fhir/CodeSystem/override-reason");
                assertThat(r.path("display").asString()).isNotBlank();
            });
        }
    }

    @Test
    void call_withoutGuidance_answersEmptyCardsArray() {
        HttpResponse<String> response = callService(RELAPSE, request("ped-all-relapse/no-relapse"));

        // §8 B9: no guidance → 200 and {"cards":[]} (not 204 or 404)
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertJson(response);
        assertThat(response.body()).isEqualTo("{\"cards\":[]}");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void cards_haveShortSummaryKnownIndicatorAndSourceLabel() {
        JsonNode body = json(callService(RISK, request("ped-all-risk/example-a")));
        for (JsonNode card : body.path("cards")) {
            // §8 B10: summary < 140 characters; indicator info|warning|critical; source.label non-empty
            assertThat(card.path("summary").asString().length()).isLessThan(140);
            assertThat(card.path("indicator").asString()).isIn("info", "warning", "critical");
            assertThat(card.path("source").path("label").asString()).startsWith("ALL-CDS");
        }
        // The risk card of worked example A (NCI standard risk) is informational and names its scheme in the label
        JsonNode nci = cardWithFinding(body, "nci-risk");
        assertThat(nci.path("indicator").asString()).isEqualTo("info");
        assertThat(nci.path("source").path("label").asString()).contains("NCI");
        CardChecks.assertAbsoluteUrl(nci.path("source").path("url").asString());
    }

    @Test
    void cards_haveFreshUniqueUuidsOnEveryCall() {
        JsonNode first = json(callService(RISK, request("ped-all-risk/example-a")));
        JsonNode second = json(callService(RISK, request("ped-all-risk/example-a")));

        // §8 B11: RFC 4122 uuids, unique within the response (checked in assertValidResponse) and never reused
        CardChecks.assertValidResponse(first);
        CardChecks.assertValidResponse(second);
        List<String> a = first.path("cards").findValuesAsString("uuid");
        List<String> b = second.path("cards").findValuesAsString("uuid");
        assertThat(a).isNotEmpty().doesNotContainAnyElementsOf(b);
    }

    @Test
    void cards_suggestionsLinksAndNoEmptyMembers() {
        JsonNode body = json(callService(RISK, request("ped-all-risk/example-a")));

        // §8 B12–B15 for every card (suggestions, actions, links, overrideReasons, no null/empty member)
        CardChecks.assertValidResponse(body);
        JsonNode nci = cardWithFinding(body, "nci-risk");
        // §8 B14: the rule's source is linked as an absolute link
        assertThat(nci.path("links").isArray()).isTrue();
        assertThat(nci.path("links").path(0).path("type").asString()).isEqualTo("absolute");
        // §8 B11–B13 on a real suggestion: the decided risk group is offered as a RiskAssessment to record
        JsonNode withSuggestion = cardWithFinding(body, "risk-group");
        JsonNode suggestion = withSuggestion.path("suggestions").path(0);
        CardChecks.assertUuid(suggestion.path("uuid").asString());
        assertThat(suggestion.path("uuid").asString()).isNotEqualTo(withSuggestion.path("uuid").asString());
        assertThat(withSuggestion.path("selectionBehavior").asString()).isIn("at-most-one", "any");
        assertThat(suggestion.path("actions").path(0).path("type").asString()).isEqualTo("create");
        assertThat(suggestion.path("actions").path(0).path("resource").path("resourceType").asString())
                .isEqualTo("RiskAssessment");
        // §8 B15: systemActions absent (this service proposes none)
        assertThat(body.has("systemActions")).isFalse();
    }

    @Test
    void cards_carryTheMachineReadableBlockOfDataContract4() {
        JsonNode discovery = json(get("/cds-services"));
        JsonNode body = json(callService(RISK, request("ped-all-risk/example-a")));

        JsonNode nci = cardWithFinding(body, "nci-risk");
        JsonNode ext = nci.path("extension").path("org.allcds");
        CardChecks.assertAllCdsExtension(nci);
        // Data contract §4: rules with id, version and source; the rule set of discovery; inputs with references
        assertThat(ext.path("rules").findValuesAsString("id")).contains("R-DX-02");
        assertThat(ext.path("ruleSet")).isEqualTo(discovery.path("services").path(0).path("extension")
                .path("org.allcds").path("ruleSet"));
        assertThat(ext.path("inputs").findValuesAsString("reference")).contains("Observation/wbc-a");
        assertThat(ext.path("evaluationTime").asString()).isEqualTo("2024-07-18");
    }

    @Test
    void workedExamples_listEachRuleOncePerCard_byIdAndVersion() throws IOException {
        // R-DX-10 (example B) and R-TX-HSCT-01 (example C) are implemented by several DRL rules of different sources
        for (String example : List.of("ped-all-risk-example-b", "ped-all-relapse-example-c", "ped-all-orders-example-c")) {
            ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(Path.of("fhir-profiles/requests", example + ".json")));
            HttpResponse<String> response = callService(example.substring(0, example.indexOf("-example")), request);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // CardChecks: each id and version once per card, with a source
            CardChecks.assertValidResponse(json(response));
        }
    }

    @Test
    void call_ignoresUnknownMembersExtensionsAndUndeclaredPrefetchKeys() {
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.get("extension")).set("org.example.x", JSON.createObjectNode());
        body.put("someFutureMember", "ignored");
        ((ObjectNode) body.get("prefetch")).set("notInDiscovery", JSON.readTree("{\"resourceType\": \"Basic\"}"));

        HttpResponse<String> response = callService(RISK, body);

        // §8 B19: extra extension, unknown top-level member and undeclared prefetch key are all ignored
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> findings = CardChecks.assertValidResponse(json(response));
        assertThat(CardChecks.hasFinding(findings, "nci-risk", "NCI", "STANDARD")).isTrue();
    }

    @Test
    void call_acceptsFhirAuthorizationWithPatientAndSmartV2Scope() {
        ObjectNode body = request("ped-all-risk/example-a");
        body.put("fhirServer", fhirBase());
        body.set("fhirAuthorization", JSON.readTree("""
                {"access_token": "%s", "token_type": "Bearer", "expires_in": 300,
                 "scope": "patient/Patient.rs patient/Observation.rs patient/Condition.rs", "subject": "all-cds",
                 "patient": "example-a"}""".formatted(TOKEN)));

        HttpResponse<String> response = callService(RISK, body);

        // §8 B20: fhirAuthorization.patient and SMART v2 scope syntax are accepted
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CardChecks.assertValidResponse(json(response));
        FHIR.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void call_acceptsJsonWithCharsetParameter() {
        HttpResponse<String> response = postAs("/cds-services/" + RISK, "application/json; charset=UTF-8",
                fixture("requests/ped-all-risk/example-a.json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void call_acceptsSandboxStyleBundleWithoutType() {
        // Conformance §0.2 item 11: the sandbox sends Bundles without Bundle.type; parse leniently
        ObjectNode body = request("ped-all-risk/example-a");
        ((ObjectNode) body.at("/prefetch/observations")).remove("type");
        ((ObjectNode) body.at("/prefetch/conditions")).remove("type");

        HttpResponse<String> response = callService(RISK, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(CardChecks.hasFinding(CardChecks.assertValidResponse(json(response)), "nci-risk", "NCI", "STANDARD"))
                .isTrue();
    }

    // --- Data contract §3: the evaluation time ---

    @Test
    void evaluationTime_fromTheRequestIsUsedAndStatedOnEveryCard() {
        JsonNode body = json(callService(RISK, request("ped-all-risk/example-a")));

        for (JsonNode card : body.path("cards")) {
            // Data contract §3: "Each card states the evaluation time it used"
            assertThat(card.path("extension").path("org.allcds").path("evaluationTime").asString()).isEqualTo("2024-07-18");
            assertThat(card.path("detail").asString()).contains("evaluated 2024-07-18");
        }
    }

    @Test
    void evaluationTime_asDateTimeIsEchoedAsGiven() {
        ObjectNode request = request("ped-all-risk/example-a");
        evaluationTime(request).put("evaluationTime", "2024-07-18T10:00:00+02:00");

        JsonNode body = json(callService(RISK, request));

        assertThat(body.path("cards").findValuesAsString("evaluationTime")).isNotEmpty()
                .containsOnly("2024-07-18T10:00:00+02:00");
    }

    @Test
    void evaluationTime_changesTheResult() {
        // The same child evaluated before her first birthday is an infant (R-DX-01), not NCI standard risk
        ObjectNode request = request("ped-all-risk/example-a");
        evaluationTime(request).put("evaluationTime", "2020-12-01");
        ((ObjectNode) request.at("/prefetch/conditions/entry/0/resource/extension/0")).put("valueDateTime", "2020-11-30");

        List<JsonNode> findings = CardChecks.assertValidResponse(json(callService(RISK, request)));

        assertThat(CardChecks.hasFinding(findings, "nci-risk", "NCI", "STANDARD")).isFalse();
        assertThat(CardChecks.hasFinding(findings, "nci-risk", "NCI", "INFANT")).as("findings %s", findings).isTrue();
    }

    @Test
    void evaluationTime_absentMeansTheServerClock() {
        ObjectNode request = request("ped-all-risk/example-a");
        request.remove("extension");
        LocalDate before = LocalDate.now();

        JsonNode body = json(callService(RISK, request));

        LocalDate after = LocalDate.now();
        assertThat(body.path("cards").findValuesAsString("evaluationTime")).isNotEmpty()
                .allSatisfy(t -> assertThat(t).isIn(before.toString(), after.toString()));
    }

    @Test
    void evaluationTime_malformedIsA400NamingThePath() {
        for (String bad : List.of("\"2024-13-45\"", "\"2024-02-30\"", "\"2024-07-18T10:00:00\"", "\"yesterday\"", "20240718", "\"\"",
                "\"2024-07-18T10:00Z\"", "\"0000-01-01\"")) {
            ObjectNode request = request("ped-all-risk/example-a");
            evaluationTime(request).set("evaluationTime", JSON.readTree(bad));

            // Data contract §3: "a malformed value is a 400"
            assertOperationOutcome(callService(RISK, request), 400, "extension.org.allcds.evaluationTime");
        }
    }

    @Test
    void evaluationTime_aPartialDateIsA400SayingADayIsNeeded() {
        for (String partial : List.of("2024", "2024-07")) {
            ObjectNode request = request("ped-all-risk/example-a");
            evaluationTime(request).put("evaluationTime", partial);

            JsonNode outcome = assertOperationOutcome(callService(RISK, request), 400, "extension.org.allcds.evaluationTime",
                    "partial date", "full date YYYY-MM-DD", "seconds and a time zone");
            assertThat(outcome.toString()).as("a partial date is a valid FHIR date").doesNotContain("not a valid");
        }
    }

    /** A null evaluationTime is no evaluation time at all: a 400, never the server clock in its place. */
    @Test
    void evaluationTime_nullIsA400NamingThePath() {
        ObjectNode request = request("ped-all-risk/example-a");
        evaluationTime(request).putNull("evaluationTime");

        assertOperationOutcome(callService(RISK, request), 400, "extension.org.allcds.evaluationTime is null");
    }

    @Test
    void evaluationTime_nullBlockIsA400NamingIt() {
        ObjectNode request = request("ped-all-risk/example-a");
        ((ObjectNode) request.get("extension")).putNull("org.allcds");

        assertOperationOutcome(callService(RISK, request), 400, "extension.org.allcds is null");
    }

    @Test
    void evaluationTime_blockThatIsNotAnObjectIsA400() {
        ObjectNode request = request("ped-all-risk/example-a");
        ((ObjectNode) request.get("extension")).put("org.allcds", "2024-07-18");

        assertOperationOutcome(callService(RISK, request), 400, "extension.org.allcds");
    }

    private static ObjectNode evaluationTime(ObjectNode request) {
        return (ObjectNode) request.get("extension").get("org.allcds");
    }

    private static JsonNode cardWithFinding(JsonNode body, String type) {
        for (JsonNode card : body.path("cards")) {
            if (card.path("extension").path("org.allcds").path("findings").findValuesAsString("type").contains(type)) {
                return card;
            }
        }
        throw new AssertionError("no card with a " + type + " finding in " + body);
    }
}
