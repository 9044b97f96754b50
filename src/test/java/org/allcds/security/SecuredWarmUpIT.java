package org.allcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.allcds.AllCdsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With authentication on, the start-up warm-up is not a refused client: it sends no unauthenticated service call, so a
 * rollout logs no 401 and counts no JWT refusal or 401 service call that an alert would fire on.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecuredWarmUpIT {

    @Test
    void theWarmUp_logsAndCountsNoRefusal(CapturedOutput output) throws Exception {
        Path jwks = Files.createTempFile("warm-up-jwks", ".json");
        Files.writeString(jwks, TestTokens.trustedJwks().toString());
        jwks.toFile().deleteOnExit();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AllCdsApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:secured-warm-up;DB_CLOSE_DELAY=-1",
                "--allcds.warm-up.enabled=true", "--allcds.warm-up.background-calls=0",
                "--allcds.security.enabled=true", "--allcds.security.public-base-url=" + TestTokens.BASE,
                "--allcds.security.issuers[0].iss=" + TestTokens.ISS, "--allcds.security.issuers[0].jwks-file=" + jwks,
                "--allcds.rules.watch=false")) {
            assertThat(output.getOut()).contains("Warm-up done");
            String scrape = scrape(((WebServerApplicationContext) app).getWebServer().getPort());

            assertThat(scrape).doesNotContainPattern("allcds_jwt_refusals_total\\{[^}]*\\} [1-9]")
                    .doesNotContain("status=\"401\"");
            // A refusal's WARN line ("-> 401: …") and its request-log line ("status=401"), not any "401" (a request id
            // such as 4015b1a6-… would match)
            assertThat(output.getOut() + output.getErr()).doesNotContainPattern("-> 401\\b|status=401\\b");
        }
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
