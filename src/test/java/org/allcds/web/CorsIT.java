package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conformance §8 F58–F60 (and F61 for a foreign origin): preflights succeed without any Authorization header, and
 * every actual response, errors included, carries Access-Control-Allow-Origin for an allowed origin.
 */
class CorsIT extends AbstractHttpIT {

    private HttpResponse<String> preflight(String path, String origin, String method, String requestHeaders) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", requestHeaders)
                .build());
    }

    private static List<String> headerList(HttpResponse<String> response, String name) {
        return response.headers().allValues(name).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty()).toList();
    }

    @ParameterizedTest(name = "OPTIONS {0} for {1}")
    @CsvSource(delimiter = ';', value = {
            "/cds-services; GET; authorization",
            "/cds-services/ped-all-risk; POST; content-type, authorization",
            "/cds-services/ped-all-relapse; POST; content-type, authorization",
            "/cds-services/ped-all-risk/feedback; POST; content-type, authorization"})
    void preflight_withoutJwt_isAllowed(String path, String method, String requestHeaders) {
        HttpResponse<String> response = preflight(path, SANDBOX_ORIGIN, method, requestHeaders);

        // §8 F58/F59: 200/204 without Authorization; Allow-Origin = the origin; methods ⊇ {GET, POST, OPTIONS};
        // headers ⊇ the requested {authorization, content-type}
        assertThat(response.statusCode()).isIn(200, 204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SANDBOX_ORIGIN);
        assertThat(headerList(response, "Access-Control-Allow-Methods")).contains("get", "post", "options");
        assertThat(headerList(response, "Access-Control-Allow-Headers"))
                .containsAll(Arrays.stream(requestHeaders.split(",")).map(String::trim).toList());
        // §8 F61: credentials are never allowed
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void preflight_fromForeignOrigin_getsNoAllowOrigin() {
        HttpResponse<String> response = preflight("/cds-services/ped-all-risk", "https://evil.example", "POST",
                "content-type, authorization");

        // §8 F61: a foreign origin gets no Access-Control-Allow-Origin
        assertOperationOutcome(response, 403, "Origin is not allowed");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void actualRequest_fromForeignOrigin_is403OperationOutcome_sayingTheOriginIsNotAllowed() {
        HttpResponse<String> response = post("/cds-services/ped-all-risk", fixture("requests/ped-all-risk/example-a.json"),
                "Origin", "https://evil.example");

        // data contract §5: every 4xx body is an OperationOutcome
        assertOperationOutcome(response, 403, "Origin is not allowed");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void preflight_forAMethodNotAllowed_is403OperationOutcome_namingWhatIsAllowed() {
        HttpResponse<String> response = preflight("/cds-services/ped-all-risk", SANDBOX_ORIGIN, "DELETE", "content-type");

        assertOperationOutcome(response, 403, "GET, POST and OPTIONS");
    }

    @Test
    void actualResponses_200_400_404_405_412_415_carryAllowOrigin() {
        String origin = SANDBOX_ORIGIN;
        ObjectNode missing = request("ped-all-risk/example-a");
        ((ObjectNode) missing.get("prefetch")).remove("patient");

        // §8 F60: actual GET/POST responses with status 200, 400, 404, 412 (and 405, 415) carry Allow-Origin
        assertCors(get("/cds-services", "Origin", origin), 200);
        assertCors(post("/cds-services/ped-all-risk", fixture("requests/ped-all-risk/example-a.json"), "Origin", origin), 200);
        assertCors(post("/cds-services/ped-all-risk", "{not json", "Origin", origin), 400);
        assertCors(post("/cds-services/does-not-exist", "{}", "Origin", origin), 404);
        assertCors(post("/cds-services/ped-all-risk", missing.toString(), "Origin", origin), 412);
        assertCors(get("/cds-services/ped-all-risk", "Origin", origin), 405);
        // an actual PUT or DELETE is no preflight: the 405 it gets without an Origin, readable by the allowed origin
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/cds-services"))
                    .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin).build());
            assertCors(wrongMethod, 405);
            assertThat(wrongMethod.headers().firstValue("Allow")).as(method).hasValue("GET");
        }
        assertCors(postAs("/cds-services/ped-all-risk", "text/plain", "{}", "Origin", origin), 415);
        assertCors(post("/cds-services/ped-all-risk/feedback", "{}", "Origin", origin), 400);
        // an error Tomcat answers itself, before any filter: the CORS filter runs on its error dispatch
        assertCors(post("/cds-services/a%2Fb", "{}", "Origin", origin), 400);
        assertCors(post("/cds-services/ped-all-risk/feedback", """
                {"feedback": [{"card": "c", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31Z"}]}""",
                "Origin", origin), 200);
    }

    @Test
    void actualResponse_fromForeignOrigin_hasNoAllowOrigin() {
        HttpResponse<String> response = get("/cds-services", "Origin", "https://evil.example");
        HttpResponse<String> containerError = post("/cds-services/a%2Fb", "{}", "Origin", "https://evil.example");

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(containerError.statusCode()).isEqualTo(400);
        assertThat(containerError.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static void assertCors(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as("Allow-Origin on %d", status)
                .hasValue(SANDBOX_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
}
