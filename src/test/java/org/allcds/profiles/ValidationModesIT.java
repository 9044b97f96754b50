package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two validation modes that build the profile validator, each in its own application. They share one class so that
 * both run in the same test JVM, where the second validator reuses HAPI's parsed base definitions (held once per JVM)
 * instead of parsing them again in another JVM. {@code off} is tested on the shared application ({@link ValidationOffIT}).
 */
class ValidationModesIT {

    /** {@code strict}: nonconforming data are a 400 OperationOutcome naming each problem's resource and element path. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "allcds.validation.mode=strict")
    @ActiveProfiles("demo")
    class Strict {

        @Value("${local.server.port}")
        int port;

        @Test
        void aWbcWithoutUnitAndARelapseWithoutDateAreA400NamingBoth() throws Exception {
            HttpResponse<String> response = ValidationRequests.post(port, ValidationRequests.brokenRequest());

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode outcome = ValidationRequests.JSON.readTree(response.body());
            assertThat(outcome.get("resourceType").asString()).isEqualTo("OperationOutcome");
            List<String> issues = new ArrayList<>();
            outcome.get("issue").forEach(i -> issues.add(i.path("diagnostics").asString().replaceFirst(":.*", "")
                    + " @ " + i.path("expression").path(0).asString()));
            assertThat(issues).contains(
                    "Observation/second-relapse-wbc @ Observation.value.ofType(Quantity).system",
                    "Observation/second-relapse-wbc @ Observation.value.ofType(Quantity).code",
                    "Observation/second-relapse-relapse-2 @ Observation.effective");
            assertThat(outcome.get("issue").get(0).get("diagnostics").asString()).contains("do not conform");
        }

        @Test
        void conformingDataAreEvaluated() throws Exception {
            ObjectNode request = ValidationRequests.request("early-relapse");
            // after the scenario's relapse (2021-08-15) and its end-of-block-1 results: the relapse is classified
            ((ObjectNode) request.at("/extension/org.allcds")).put("evaluationTime", "2021-10-01");

            HttpResponse<String> response = ValidationRequests.post(port, request);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ValidationRequests.findings(response.body())).extracting(f -> f.path("type").asString())
                    .contains("relapse-timing");
        }
    }

    /** {@code warn}: the request is evaluated as usual and an info card lists the profile problems. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "allcds.validation.mode=warn")
    @ActiveProfiles("demo")
    class Warn {

        @Value("${local.server.port}")
        int port;

        @Test
        void problemsAreListedOnAnInfoCardAndTheRulesStillRun() throws Exception {
            HttpResponse<String> response = ValidationRequests.post(port, ValidationRequests.brokenRequest());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ValidationRequests.hasProfileViolation(response.body())).isTrue();
            JsonNode card = dataQualityCard(response.body());
            assertThat(card.get("indicator").asString()).isEqualTo("info");
            assertThat(card.get("detail").asString()).contains("Observation/second-relapse-wbc",
                    "Observation.value.ofType(Quantity).system", "Observation/second-relapse-relapse-2", "Observation.effective");
            // the relapse left without its date is asked for by the rules (no relapse is classified without it)
            assertThat(ValidationRequests.findings(response.body()))
                    .extracting(f -> f.path("type").asString() + " " + f.path("value").asString())
                    .as("the rules ran as well").contains("missing-data relapse-date");
        }

        @Test
        void conformingDataGetNoProfileFinding() throws Exception {
            HttpResponse<String> response = ValidationRequests.post(port, ValidationRequests.request("late-isolated-marrow-relapse"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ValidationRequests.hasProfileViolation(response.body())).isFalse();
        }

        private static JsonNode dataQualityCard(String body) {
            for (JsonNode card : ValidationRequests.JSON.readTree(body).get("cards")) {
                for (JsonNode f : card.path("extension").path("org.allcds").path("findings")) {
                    if (f.path("value").asString().equals("profile-violation")) {
                        return card;
                    }
                }
            }
            throw new AssertionError("no data-quality card");
        }
    }
}
