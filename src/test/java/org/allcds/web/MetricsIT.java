package org.allcds.web;

import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.allcds.feedback.CardLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /actuator/prometheus} after real calls: the ALL-CDS series are there with their labels (service and status,
 * prefetch key and outcome, rule id, finding type and value, rule-set hash, feedback outcome), and none of the test
 * patient's identifiers, dates or the FHIR token appears anywhere in the scrape.
 */
class MetricsIT extends AbstractHttpIT {

    /** A patient id found nowhere else, so its absence from the scrape means something. */
    private static final String PATIENT = "pt-7731-zz";
    private static final String BIRTH_DATE = "2020-02-10";

    @Autowired
    CardLog cardLog;

    private static ObjectNode patientRequest() {
        return (ObjectNode) JSON.readTree(request("ped-all-risk/example-a").toString().replace("example-a", PATIENT));
    }

    private String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void afterCalls_theSeriesAreScraped_withoutPatientData() {
        JsonNode cards = json(callService(RISK, patientRequest())).path("cards");
        ObjectNode fetching = patientRequest();
        ((ObjectNode) fetching.get("prefetch")).remove("patient");
        fetching.put("fhirServer", fhirBase());
        fetching.set("fhirAuthorization", JSON.readTree("""
                {"access_token": "%s", "token_type": "Bearer", "expires_in": 300, "scope": "user/Patient.read",
                 "subject": "all-cds"}""".formatted(TOKEN)));
        FHIR.stubFor(WireMock.get(urlEqualTo("/fhir/Patient/" + PATIENT)).willReturn(
                okForContentType("application/fhir+json", fhirFixture("patient-example-a").replace("example-a", PATIENT))));
        assertThat(callService(RISK, fetching).statusCode()).isEqualTo(200);
        assertThat(post("/cds-services/" + PATIENT, "{}").statusCode()).isEqualTo(404);
        assertThat(post("/cds-services/" + RISK + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31Z"}]}"""
                .formatted(cards.path(0).path("uuid").asString())).statusCode()).isEqualTo(200);
        cardLog.flush(Duration.ofSeconds(10));
        String hash = json(get("/cds-services")).at("/services/0/extension/org.allcds/ruleSet/hash").asString();

        String scrape = scrape();

        assertThat(scrape).contains(
                "allcds_service_calls_seconds_bucket{service=\"ped-all-risk\",status=\"200\",le=",
                "allcds_service_calls_seconds_count{service=\"none\",status=\"404\"}",
                "allcds_prefetch_fetches_seconds_count{key=\"patient\",outcome=\"fetched\"}",
                "allcds_prefetch_fetches_seconds_bucket{key=\"patient\",outcome=\"fetched\",le=",
                "allcds_findings_total{type=\"nci-risk\",value=\"STANDARD\"}",
                "allcds_feedback_total{outcome=\"overridden\",service=\"ped-all-risk\"}",
                "allcds_cards_recorded_total{outcome=\"stored\"}",
                "hash=\"" + hash + "\"");
        assertThat(scrape).containsPattern("allcds_ruleset_serving\\{hash=\"" + hash + "\",version=\"[^\"]+\"} 1\\.0");
        List<String> rules = new ArrayList<>();
        cards.forEach(c -> c.at("/extension/org.allcds/rules").forEach(r -> rules.add(r.path("id").asString())));
        assertThat(rules).isNotEmpty().allSatisfy(rule -> assertThat(scrape).contains("allcds_rule_firings_total{rule=\"" + rule + "\"}"));
        assertThat(scrape).doesNotContain(PATIENT, BIRTH_DATE, TOKEN, "Practitioner/");
    }
}
