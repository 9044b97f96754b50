package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Conformance §8 A1–A6: the discovery endpoint. */
class DiscoveryIT extends AbstractHttpIT {

    private static final Set<String> HOOKS = Set.of("patient-view", "order-select", "order-sign", "encounter-start");
    /** Context fields usable as prefetch tokens, per hook (CDS Hooks library 1.0.1, "Prefetch Token: Yes"). */
    private static final Map<String, Set<String>> TOKEN_FIELDS = Map.of(
            "patient-view", Set.of("userId", "patientId", "encounterId"),
            "order-select", Set.of("userId", "patientId", "encounterId"),
            "order-sign", Set.of("userId", "patientId", "encounterId"),
            "encounter-start", Set.of("userId", "patientId", "encounterId"));
    private static final Set<String> USER_TOKENS = Set.of(
            "userPractitionerId", "userPractitionerRoleId", "userPatientId", "userRelatedPersonId");
    private static final Pattern TOKEN = Pattern.compile("\\{\\{(.*?)}}");

    @Test
    void discovery_answers200WithJsonServicesArray() {
        HttpResponse<String> response = get("/cds-services", "Accept", "application/json");

        // §8 A1: 200, Content-Type application/json, an object with array services
        assertThat(response.statusCode()).isEqualTo(200);
        assertJson(response);
        JsonNode body = json(response);
        assertThat(body.path("services").isArray()).isTrue();
        assertThat(body.path("services").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void discovery_listsBothServicesWithRequiredStrings() {
        JsonNode services = json(get("/cds-services")).path("services");

        List<String> ids = new ArrayList<>();
        for (JsonNode s : services) {
            // §8 A2: non-empty strings hook, id, description; title should be there
            for (String field : List.of("hook", "id", "description", "title")) {
                assertThat(s.path(field).isString()).as("%s of %s", field, s.path("id")).isTrue();
                assertThat(s.path(field).asString()).isNotBlank();
            }
            ids.add(s.path("id").asString());
        }
        assertThat(ids).contains(RISK, RELAPSE);
    }

    @Test
    void discovery_hasNoNullOrEmptyMember() {
        // §8 A3: no null or empty value anywhere in the discovery body [SHALL]
        JsonWalker.assertNoNullOrEmpty(json(get("/cds-services")));
    }

    @Test
    void discovery_idsAreUniqueAndHooksKnown() {
        JsonNode services = json(get("/cds-services")).path("services");
        Set<String> ids = new HashSet<>();
        for (JsonNode s : services) {
            // §8 A4: unique ids; every hook one of patient-view|order-select|order-sign|encounter-start
            assertThat(ids.add(s.path("id").asString())).as("unique id %s", s.path("id")).isTrue();
            assertThat(s.path("hook").asString()).isIn(HOOKS);
        }
        assertThat(services.findValues("hook").stream().map(JsonNode::asString))
                .as("both ALL services answer patient-view").contains("patient-view");
    }

    @Test
    void discovery_publishesTemplatesNarrowedByCode_withTheSiteConceptMapCodes() {
        for (JsonNode s : json(get("/cds-services")).path("services")) {
            // data contract §1: the EHR is asked only for what the rules read, in its own codes as well
            assertThat(s.path("prefetch").path("observations").asString())
                    .contains("code=", "http://loinc.org|6690-2", "https://example-hospital.org/fhir/CodeSystem/lab|WBC-AUTO",
                            "_count=");
            assertThat(s.path("prefetch").path("conditions").asString())
                    .contains("https://example-hospital.org/fhir/CodeSystem/diagnosis|LEUK-ALL");
        }
    }

    @Test
    void discovery_prefetchTemplatesUseOnlyValidTokensAndTheQuerySubset() {
        JsonNode services = json(get("/cds-services")).path("services");
        int templates = 0;
        for (JsonNode s : services) {
            Set<String> fields = TOKEN_FIELDS.get(s.path("hook").asString());
            for (Map.Entry<String, JsonNode> e : s.path("prefetch").properties()) {
                templates++;
                // §8 A5: every prefetch value is a string ...
                assertThat(e.getValue().isString()).as("prefetch.%s is a string", e.getKey()).isTrue();
                String template = e.getValue().asString();
                Matcher m = TOKEN.matcher(template);
                while (m.find()) {
                    String token = m.group(1);
                    // ... whose tokens are context.<prefetch-token field of the hook> or one of the 4 user tokens
                    boolean contextToken = token.startsWith("context.") && fields.contains(token.substring(8));
                    assertThat(contextToken || USER_TOKENS.contains(token))
                            .as("token {{%s}} in %s", token, template).isTrue();
                }
                assertThat(TOKEN.matcher(template).replaceAll("")).as("no stray braces").doesNotContain("{", "}");
                // ... relative, without _include/_revinclude, and sorted with _sort=-date style if at all
                assertThat(template).doesNotStartWith("/").doesNotContain("_include", "_revinclude", "sort:")
                        .doesNotMatch("(?i)^[a-z][a-z0-9+.-]*://.*"); // code systems (system|code) may be URLs
            }
        }
        assertThat(templates).as("the services declare prefetch templates").isPositive();
    }

    @Test
    void discovery_isDeterministic_twoGetsAreByteIdentical() {
        // §8 A6: two consecutive GETs return byte-identical JSON
        String first = get("/cds-services").body();
        String second = get("/cds-services").body();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void discovery_carriesTheRuleSetOnEveryService() {
        // Data contract §4: "The discovery document carries the loaded rule set on each service"
        JsonNode services = json(get("/cds-services")).path("services");
        Set<String> hashes = new HashSet<>();
        for (JsonNode s : services) {
            JsonNode ruleSet = s.path("extension").path("org.allcds").path("ruleSet");
            assertThat(ruleSet.path("version").asString()).isNotBlank();
            assertThat(ruleSet.path("hash").asString()).isNotBlank();
            hashes.add(ruleSet.path("hash").asString());
        }
        assertThat(hashes).hasSize(1);
    }

    @Test
    void discovery_answersPostWith405() {
        // §8 D40-style: a wrong method on discovery is a 405 with an OperationOutcome, not a 500
        HttpResponse<String> response = post("/cds-services", "{}");
        assertOperationOutcome(response, 405, "POST");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));
    }
}
