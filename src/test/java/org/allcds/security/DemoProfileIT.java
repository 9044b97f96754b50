package org.allcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

/** Issue 6 §3: the demo profile turns authentication off, and says so at start-up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
// A property no other test sets: this class gets its own context, started while its output is captured.
@org.springframework.test.context.TestPropertySource(properties = "allcds.feedback.record-queue=4321")
@ExtendWith(OutputCaptureExtension.class)
class DemoProfileIT {

    @Value("${local.server.port}")
    int port;

    @Test
    void demo_serviceCallWithoutToken_accepted_andStartUpWarnsAuthenticationIsOff(CapturedOutput output) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                        .newBuilder(URI.create("http://localhost:" + port + CdsJwtIT.SERVICE))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(CdsJwtIT.serviceRequest(UUID.randomUUID().toString())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        // Captured since the class started, so the start-up warning is in it (the context is not shared).
        assertThat(output).contains("AUTHENTICATION IS OFF").contains("A plain http:// fhirServer is accepted");
    }
}
