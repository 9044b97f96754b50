package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every answer, whatever its status or endpoint, says not to sniff its content type, not to frame it and not to store
 * it: the CDS Hooks answers, discovery, refusals and the actuator alike.
 */
class SecurityHeadersIT extends AbstractHttpIT {

    @Test
    void everyAnswer_carriesNosniffNoFramingAndNoStore() {
        List<HttpResponse<String>> answers = List.of(
                get("/cds-services"),
                callService(RISK, request("ped-all-risk/example-a")),
                post("/cds-services/" + RISK, "{not json"),
                get("/no/such/path"),
                send(HttpRequest.newBuilder(uri("/cds-services"))
                        .method("DELETE", HttpRequest.BodyPublishers.noBody()).build()),
                get("/actuator/health"));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 400, 404, 405, 200);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(answer.uri().toString()).hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(answer.uri().toString()).hasValue("DENY");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(answer.uri().toString())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(answer.headers().allValues("Cache-Control")).as(answer.uri().toString()).contains("no-store");
        });
    }
}
