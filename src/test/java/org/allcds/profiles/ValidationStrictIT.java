package org.allcds.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** {@code strict}: nonconforming data are a 400 OperationOutcome naming each problem's resource and element path. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "allcds.validation.mode=strict")
@ActiveProfiles("demo")
class ValidationStrictIT {

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
        HttpResponse<String> response = ValidationRequests.post(port, ValidationRequests.request("early-relapse"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ValidationRequests.findings(response.body())).isNotEmpty();
    }
}
