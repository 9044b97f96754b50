package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** {@code warn}: the request is evaluated as usual and an info card lists the profile problems. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "allcds.validation.mode=warn")
@ActiveProfiles("demo")
class ValidationWarnIT {

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
        assertThat(ValidationRequests.findings(response.body())).extracting(f -> f.path("type").asString())
                .as("the rules ran as well").contains("relapse-timing");
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
