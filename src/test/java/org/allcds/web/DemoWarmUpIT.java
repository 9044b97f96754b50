package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.allcds.AllCdsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With authentication off (the demo profile), the start-up warm-up calls the services over HTTP. Its synthetic
 * patient's cards are not cards issued to a clinician: the feedback summary and the service-call metrics count the
 * EHR's calls only, from the first one on.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoWarmUpIT {

    private static final String ADMIN = "admin-token-warm-up";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theWarmUpsCalls_leaveNoCardIssued_andNoServiceCallCounted(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AllCdsApplication.class).run(
                "--spring.profiles.active=demo", "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:demo-warm-up;DB_CLOSE_DELAY=-1",
                "--allcds.warm-up.enabled=true", "--allcds.warm-up.background-calls=0",
                "--allcds.admin.token=" + ADMIN, "--allcds.rules.watch=false")) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(output.getOut()).contains("Warm-up done");

            assertThat(cardsIssued(base)).isZero();
            assertThat(get(base + "/actuator/prometheus", false)).doesNotContain("allcds_service_calls_seconds_count{");

            HttpResponse<String> call = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/cds-services/ped-all-risk"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of("fhir-profiles/requests/ped-all-risk-example-a.json")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(call.statusCode()).isEqualTo(200);
            int cards = JSON.readTree(call.body()).get("cards").size();
            assertThat(cards).isPositive();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cardsIssued(base) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the card log writes off the request thread
            }
            assertThat(cardsIssued(base)).as("the EHR's call is counted").isPositive();
            assertThat(get(base + "/actuator/prometheus", false))
                    .containsPattern("(?m)^allcds_service_calls_seconds_count\\{[^}]*service=\"ped-all-risk\"[^}]*\\} 1$");
        }
    }

    /** The most cards issued with any one rule: each card names its rules, so a logged card counts under each. */
    private static long cardsIssued(String base) throws IOException, InterruptedException {
        long most = 0;
        for (JsonNode rule : JSON.readTree(get(base + "/admin/feedback/summary", true)).path("rules")) {
            most = Math.max(most, rule.path("cardsIssued").asLong());
        }
        return most;
    }

    private static String get(String url, boolean admin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (admin) {
            request.header("Authorization", "Bearer " + ADMIN);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
