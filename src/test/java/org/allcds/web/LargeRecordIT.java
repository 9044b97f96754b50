package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.allcds.fixtures.FakeFhirServer;
import org.allcds.fixtures.LargeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A child two years into therapy (about 20,000 Observations, 400 Conditions, 600 Procedures) on a FHIR server that
 * pages by 20 as a stock HAPI server does: with the narrowed templates (data contract §1) the fallback fetch reads
 * only the records the rules use, and the prefetch an EHR would send stays small.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LargeRecordIT {

    private static final String PATIENT = "large-1";
    private static final LargeRecord RECORD = LargeRecord.large(PATIENT, 20240506L);
    private static final FakeFhirServer FHIR = new FakeFhirServer(RECORD.resources(), 20, 0);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("allcds.fhir.allowed-servers[0]", FHIR::base);
        registry.add("allcds.fhir.require-https", () -> "false");
        registry.add("allcds.security.enabled", () -> "false");
    }

    @AfterAll
    static void stop() {
        FHIR.close();
    }

    @Value("${local.server.port}")
    int port;

    @BeforeEach
    void resetCounts() {
        FHIR.resetCounts();
    }

    @Test
    void withoutPrefetch_theFetchReadsOnlyTheRelevantRecords() {
        ObjectNode request = request();
        request.put("fhirServer", FHIR.base());

        HttpResponse<String> response = call(request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(findings(response)).contains("nci-risk NCI STANDARD", "risk-group COG_AALL08B1 LOW");
        // the Patient, and each relevant Condition, Observation and Procedure exactly once
        assertThat(FHIR.entries()).isEqualTo(1 + RECORD.relevant());
        assertThat(RECORD.relevant()).isBetween(24, 60);
        // Patient, Condition, Procedure: one page each; the Observations: ceil(relevant / 20) pages
        int observationPages = (RECORD.relevant() - 2 + 19) / 20;
        assertThat(FHIR.requests()).isEqualTo(3 + observationPages);
        assertThat(FHIR.headers("Cache-Control")).containsOnly("no-cache");
    }

    @Test
    void thePrefetchAnEhrWouldSend_staysUnder200Kb_andGivesTheSameFindings() {
        ObjectNode request = request();
        ObjectNode prefetch = request.putObject("prefetch");
        JsonNode templates = discoveredTemplates();
        templates.properties().forEach(e -> prefetch.set(e.getKey(),
                JSON.readTree(FHIR.complete(e.getValue().asString().replace("{{context.patientId}}", PATIENT)))));
        String body = request.toString();

        HttpResponse<String> response = call(request);

        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThan(200_000);
        assertThat(FHIR.complete("Observation?patient=" + PATIENT).getBytes(StandardCharsets.UTF_8).length)
                .as("the whole chart, for comparison: past the 5 MB body limit").isGreaterThan(5 * 1024 * 1024);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(findings(response)).contains("nci-risk NCI STANDARD", "risk-group COG_AALL08B1 LOW");
        assertThat(FHIR.requests()).as("everything was prefetched").isZero();
    }

    private JsonNode discoveredTemplates() {
        HttpResponse<String> discovery = send(HttpRequest.newBuilder(uri("/cds-services")).GET().build());
        for (JsonNode service : JSON.readTree(discovery.body()).path("services")) {
            if (service.path("id").asString().equals("ped-all-risk")) {
                return service.path("prefetch");
            }
        }
        throw new AssertionError("ped-all-risk is not in the discovery document");
    }

    private static ObjectNode request() {
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", "patient-view").put("hookInstance", "0b7a4c3e-2f64-4b8e-9d51-6c1f1e0a9b21");
        request.putObject("context").put("userId", "Practitioner/example-oncologist").put("patientId", PATIENT);
        request.putObject("extension").putObject("org.allcds").put("evaluationTime", LargeRecord.EVALUATION_TIME);
        return request;
    }

    private static List<String> findings(HttpResponse<String> response) {
        return JSON.readTree(response.body()).findValues("findings").stream().flatMap(f -> f.valueStream())
                .map(f -> f.path("type").asString() + " " + f.path("scheme").asString("-") + " " + f.path("value").asString())
                .toList();
    }

    private HttpResponse<String> call(ObjectNode request) {
        return send(HttpRequest.newBuilder(uri("/cds-services/ped-all-risk")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(request, (n, v) -> true)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
