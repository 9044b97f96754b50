package org.allcds.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.allcds.security.TestTokens.BASE;
import static org.allcds.security.TestTokens.es384;
import static org.allcds.security.TestTokens.rs384;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Conformance §8 E45–E57 over real HTTP, on the service and the feedback endpoint. One issuer's keys come from a
 * JWKS URL (WireMock), another's from a static file; a second WireMock plays the attacker's {@code jku} host.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CdsJwtIT {

    static final String FILE_ISS = "https://file-ehr.example.org";
    static final String SERVICE = "/cds-services/ped-all-risk";
    static final WireMockServer jwksHost = started();
    static final WireMockServer attacker = started();

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    /** The two authenticated endpoints, each with a body it answers 200 to. */
    enum Endpoint {
        SERVICE(CdsJwtIT.SERVICE, CdsJwtIT::serviceRequest),
        FEEDBACK(CdsJwtIT.SERVICE + "/feedback", hookInstance -> FEEDBACK_BODY);

        final String path;
        final Function<String, String> body;

        Endpoint(String path, Function<String, String> body) {
            this.path = path;
            this.body = body;
        }

        String aud() {
            return BASE + path;
        }
    }

    @DynamicPropertySource
    static void trust(DynamicPropertyRegistry registry) throws IOException {
        jwksHost.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TestTokens.trustedJwks().toString())));
        attacker.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TestTokens.trustedJwks().toString())));
        Path file = Files.createTempFile("trusted-jwks", ".json");
        Files.writeString(file, new JWKSet(TestTokens.EC.toPublicJWK()).toString());
        file.toFile().deleteOnExit();
        registry.add("allcds.security.enabled", () -> "true");
        registry.add("allcds.security.public-base-url", () -> BASE);
        registry.add("allcds.security.issuers[0].iss", () -> TestTokens.ISS);
        registry.add("allcds.security.issuers[0].jwks-url", () -> jwksHost.baseUrl() + "/jwks.json");
        registry.add("allcds.security.issuers[1].iss", () -> FILE_ISS);
        registry.add("allcds.security.issuers[1].jwks-file", file::toString);
    }

    @AfterAll
    static void stop() {
        jwksHost.stop();
        attacker.stop();
    }

    // --- E57, E51, E52: accepted ---

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void es384_fromJwksUrl_accepted(Endpoint endpoint) {
        assertThat(post(endpoint, es384(endpoint.aud(), now()).sign()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void rs384_accepted(Endpoint endpoint) {
        assertThat(post(endpoint, rs384(endpoint.aud(), now()).sign()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void es384_fromStaticJwksFile_accepted(Endpoint endpoint) {
        assertThat(post(endpoint, es384(endpoint.aud(), now()).iss(FILE_ISS).sign()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void audArrayContainingTheUrl_accepted(Endpoint endpoint) {
        String token = es384(endpoint.aud(), now()).aud("https://other.example.org", endpoint.aud()).sign();
        assertThat(post(endpoint, token).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void expiredWithinSkew_accepted(Endpoint endpoint) {
        Instant now = now();
        String token = es384(endpoint.aud(), now).iat(now.minusSeconds(300)).exp(now.minusSeconds(30)).sign();
        assertThat(post(endpoint, token).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void jkuEqualToTheConfiguredJwksUrl_accepted(Endpoint endpoint) {
        String token = es384(endpoint.aud(), now()).jku(jwksHost.baseUrl() + "/jwks.json").sign();
        assertThat(post(endpoint, token).statusCode()).isEqualTo(200);
    }

    // --- E45–E56: rejected, all alike ---

    static Stream<Arguments> rejected() {
        return Stream.of(Endpoint.values()).flatMap(endpoint -> {
            String aud = endpoint.aud();
            Instant now = now();
            return Stream.of(
                    Arguments.of(endpoint, "E45 no Authorization", null),
                    Arguments.of(endpoint, "E46 Basic", "Basic dXNlcjpwYXNzd29yZA=="),
                    Arguments.of(endpoint, "E46 garbage bearer", "Bearer abc.def.ghi"),
                    Arguments.of(endpoint, "E47 alg none", bearer(es384(aud, now).unsigned())),
                    Arguments.of(endpoint, "E48 HS256 keyed with the public key",
                            bearer(es384(aud, now).hs256WithPublicKeyAsSecret())),
                    Arguments.of(endpoint, "E49 unknown kid",
                            bearer(es384(aud, now).kid(TestTokens.STRANGER.getKeyID()).sign())),
                    Arguments.of(endpoint, "E50 unlisted iss", bearer(es384(aud, now).iss("https://evil.example").sign())),
                    Arguments.of(endpoint, "E51 expired beyond skew",
                            bearer(es384(aud, now).iat(now.minusSeconds(300)).exp(now.minusSeconds(120)).sign())),
                    Arguments.of(endpoint, "E52 discovery aud", bearer(es384(BASE + "/cds-services", now).sign())),
                    Arguments.of(endpoint, "E53 iss missing", bearer(es384(aud, now).without("iss").sign())),
                    Arguments.of(endpoint, "E53 aud missing", bearer(es384(aud, now).without("aud").sign())),
                    Arguments.of(endpoint, "E53 exp missing", bearer(es384(aud, now).without("exp").sign())),
                    Arguments.of(endpoint, "E53 iat missing", bearer(es384(aud, now).without("iat").sign())),
                    Arguments.of(endpoint, "E53 jti missing", bearer(es384(aud, now).without("jti").sign())),
                    Arguments.of(endpoint, "E56 typ at+jwt", bearer(es384(aud, now).typ("at+jwt").sign())),
                    Arguments.of(endpoint, "E56 typ absent", bearer(es384(aud, now).typ(null).sign())));
        });
    }

    static final Set<String> rejectionBodies = new HashSet<>();

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejected")
    void rejected_with401_bearerChallenge_andTheGenericOperationOutcome(Endpoint endpoint, String name,
                                                                        String authorization) {
        assertUnauthenticated(post(endpoint, authorization));
    }

    /**
     * Seeded damage beyond the listed cases: signed tokens with a claim of the wrong type or size (strings for times,
     * objects for the audience, a 5,000-character jti, a NUL, an extreme number), and tokens with a segment replaced,
     * cut or added. Each is answered 401 with the generic body, or 200 where the damage left a valid token; never an
     * error, never another status. Replay with the seed in the message.
     */
    @Test
    void damagedTokens_areRefusedLikeAnyOther_neverAnError() {
        long seed = 20261203L;
        Random random = new Random(seed);
        List<String> claims = List.of("iss", "aud", "exp", "iat", "nbf", "jti", "tenant");
        List<Object> values = Arrays.asList(null, true, 0, -1, Long.MAX_VALUE, 1e308, 1.5, "", "x",
                "\u0000", "\uD83D\uDE00", "A".repeat(5000), List.of(), List.of(1, 2),
                Map.of("a", Map.of()), String.valueOf(Instant.now().getEpochSecond() + 300));
        int valid = 0;
        // signing costs milliseconds in the test JVM, so each signed token is also sent twice more, damaged
        for (int i = 0; i < 40; i++) {
            Endpoint endpoint = Endpoint.values()[random.nextInt(Endpoint.values().length)];
            TestTokens.Token token = i % 2 == 0 ? es384(endpoint.aud(), now()) : rs384(endpoint.aud(), now());
            String claim = claims.get(random.nextInt(claims.size()));
            Object value = values.get(random.nextInt(values.size()));
            String signed = token.claim(claim, value).sign();
            for (String sent : List.of(signed, damaged(signed, random), damaged(signed, random))) {
                HttpResponse<String> response = post(endpoint, bearer(sent));
                assertThat(response.statusCode()).as("token %d (seed %d): %s = %s, sent as %s", i, seed, claim, value,
                        sent.equals(signed) ? "signed" : "damaged").isIn(200, 401);
                if (response.statusCode() == 401) {
                    assertUnauthenticated(response);
                } else {
                    valid++;
                }
            }
        }
        assertThat(valid).as("some damage leaves a valid token (an unknown claim, another valid time)").isPositive();
    }

    /** One of: a segment replaced by random base64url or by characters outside it, a segment cut, a segment added. */
    private static String damaged(String token, Random random) {
        List<String> parts = new ArrayList<>(List.of(token.split("\\.", -1)));
        int at = random.nextInt(parts.size());
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                parts.set(at, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            case 1 -> parts.set(at, "!@#$%^&*()=+~");
            case 2 -> parts.remove(at);
            default -> parts.add(at, "e30");
        }
        return String.join(".", parts);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void replay_secondUseRejected(Endpoint endpoint) { // E54
        String token = es384(endpoint.aud(), now()).sign();
        assertThat(post(endpoint, token).statusCode()).isEqualTo(200);
        assertUnauthenticated(post(endpoint, bearer(token)));
    }

    @Test
    void refusals_areCountedByReasonCategory_withoutTheToken() {
        String replayed = es384(Endpoint.SERVICE.aud(), now()).sign();
        post(Endpoint.SERVICE, replayed);
        assertUnauthenticated(post(Endpoint.SERVICE, bearer(replayed)));
        assertUnauthenticated(post(Endpoint.SERVICE, null));
        assertUnauthenticated(post(Endpoint.SERVICE, bearer(es384("https://elsewhere.example.org", now()).sign())));

        String scrape = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body();

        assertThat(scrape).contains("allcds_jwt_refusals_total{reason=\"replay\"}", "allcds_jwt_refusals_total{reason=\"missing\"}",
                "allcds_jwt_refusals_total{reason=\"audience\"}").doesNotContain(replayed);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void foreignJku_rejected_withoutContactingIt(Endpoint endpoint) { // E55
        String token = es384(endpoint.aud(), now()).jku(attacker.baseUrl() + "/jwks.json").sign();
        assertUnauthenticated(post(endpoint, bearer(token)));
        assertThat(attacker.getAllServeEvents()).isEmpty();
    }

    @Test
    void serviceAudOnFeedbackCall_rejected() {
        assertUnauthenticated(post(Endpoint.FEEDBACK, bearer(es384(Endpoint.SERVICE.aud(), now()).sign())));
    }

    // --- what stays open, and unknown ids ---

    @Test
    void discovery_needsNoToken() {
        assertThat(send(HttpRequest.newBuilder(uri("/cds-services")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void preflight_needsNoToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(SERVICE))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        assertThat(response.statusCode()).isNotEqualTo(401);
    }

    @Test
    void unknownService_unauthenticated401_authenticated404() {
        String path = "/cds-services/does-not-exist";
        HttpRequest.Builder anonymous = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(serviceRequest(UUID.randomUUID().toString())));
        assertUnauthenticated(send(anonymous));
        HttpRequest.Builder authenticated = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(es384(BASE + path, now()).sign()))
                .POST(HttpRequest.BodyPublishers.ofString(serviceRequest(UUID.randomUUID().toString())));
        assertThat(send(authenticated).statusCode()).isEqualTo(404);
    }

    /**
     * No token is a 401 before anything else is looked at: not a 415 for the media type nor a 405 for the method, which
     * told an unauthenticated caller which paths are endpoints and what they accept (the check runs before Spring MVC).
     */
    @ParameterizedTest
    @CsvSource({"POST, text/plain, " + SERVICE, "GET, , " + SERVICE, "PUT, application/json, " + SERVICE,
            "DELETE, , /cds-services/ped-all-risk/feedback", "POST, text/plain, /cds-services/a/b/c",
            "POST, application/json, /cds-services;x=1/ped-all-risk", "POST, application/json, /%63ds-services/ped-all-risk",
            "POST, application/json, /cds-services/ped-all-risk;x=1/feedback",
            "POST, application/json, //cds-services/ped-all-risk", "POST, application/json, /cds-services//ped-all-risk",
            "POST, application/json, /cds-services/./ped-all-risk", "POST, application/json, /x/../cds-services/ped-all-risk",
            "POST, application/json, /cds-services/%70ed-all-risk", "POST, application/json, /cds-services/%2e",
            "POST, application/json, /cds-services/.;x", "GET, , /cds-services/.", "POST, application/json, /cds-services/%2e%2e",
            "POST, application/json, /cds-services/..;", "POST, application/json, /cds-services/%2e%2e/feedback"})
    void noToken_is401_whateverTheMethodOrMediaType(String method, String contentType, String path, CapturedOutput output) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        assertUnauthenticated(send(request));
        assertThat(output.getOut() + output.getErr()).containsPattern(method + " (/cds-services/\\{serviceId\\}\\S*|\\(unmatched\\)) -> 401: ");
    }

    // --- issue 6 §6: PHI-free logs with a correlation line ---

    @Test
    void fullRequest_logsNeitherPatientNameNorIdNorToken_butTheCorrelationLine(CapturedOutput output) {
        String hookInstance = UUID.randomUUID().toString();
        String token = es384(Endpoint.SERVICE.aud(), now()).sign();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(SERVICE))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(token))
                .POST(HttpRequest.BodyPublishers.ofString(serviceRequest(hookInstance))));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(RequestLogFilter.CORRELATION_HEADER)).isPresent();
        assertThat(output.getOut() + output.getErr())
                .contains("correlation=" + hookInstance)
                .containsPattern("POST /cds-services/\\{serviceId\\} service=ped-all-risk status=200 \\d+ms")
                .doesNotContain(PATIENT_ID)
                .doesNotContain("Zebulon")
                .doesNotContain("Quixotefarthing")
                .doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void misdirectedFhirCall_doesNotLogThePatientId(CapturedOutput output) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/Patient/" + PATIENT_ID)).GET());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(output.getOut() + output.getErr()).contains("status=404").doesNotContain(PATIENT_ID);
    }

    @Test
    void malformedBody_doesNotLogItsContent(CapturedOutput output) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(SERVICE))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(es384(Endpoint.SERVICE.aud(), now()).sign()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"hookInstance\": Zebulon Quixotefarthing pt-77x91q}")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(output.getOut() + output.getErr()).contains("status=400")
                .doesNotContain("Zebulon").doesNotContain("Quixotefarthing").doesNotContain(PATIENT_ID);
    }

    @Test
    void rejectedRequest_logsTheReasonButNotTheToken(CapturedOutput output) {
        String token = es384(Endpoint.SERVICE.aud(), now()).iss("https://evil.example").sign();
        assertUnauthenticated(post(Endpoint.SERVICE, bearer(token)));
        assertThat(output.getOut() + output.getErr())
                .contains("not a trusted issuer")
                .contains("status=401")
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void textTypedInThePath_neverReachesTheLog_andEveryLineIsBounded(CapturedOutput output) {
        String longId = "X".repeat(7000);
        assertUnauthenticated(send(HttpRequest.newBuilder(uri("/cds-services/Jane-Doe-MRN99"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        assertUnauthenticated(send(HttpRequest.newBuilder(uri("/cds-services/" + longId))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/cds-services/John%20Smith%20MRN123")).GET());
        assertUnauthenticated(get);
        assertThat(get.body()).doesNotContain("MRN123");
        assertUnauthenticated(post(Endpoint.SERVICE, null));
        // signed for the path it is sent to, so that the request gets past the token to the unknown service
        String typed = "/cds-services/Jack-Doe-MRN77/feedback";
        HttpResponse<String> feedback = send(HttpRequest.newBuilder(uri(typed)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + es384(BASE + typed, now()).sign())
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(feedback.statusCode()).isEqualTo(404);

        String log = output.getOut() + output.getErr();
        assertThat(log).doesNotContain("Jane").doesNotContain("MRN99").doesNotContain("MRN123").doesNotContain("Smith")
                .doesNotContain("MRN77")
                .doesNotContain("X".repeat(100))
                .contains("POST /cds-services/{serviceId} service=none status=401")
                .contains("POST /cds-services/{serviceId} service=ped-all-risk status=401")
                .containsPattern("GET \\S+ service=none status=401");
        assertThat(log.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(1000));
    }

    @Test
    void aRefusedCallToADeclaredService_isLabelledWithItsId_anotherIdNone() {
        assertUnauthenticated(post(Endpoint.SERVICE, null));
        assertUnauthenticated(send(HttpRequest.newBuilder(uri("/cds-services/Jane-Doe-MRN99"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        String scrape = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body();
        assertThat(scrape).contains("allcds_service_calls_seconds_count{service=\"ped-all-risk\",status=\"401\"}")
                .contains("allcds_service_calls_seconds_count{service=\"none\",status=\"401\"}")
                .doesNotContain("Jane");
    }

    // --- helpers ---

    private void assertUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"")
                .contains("The request is not authenticated.");
        rejectionBodies.add(response.body());
        assertThat(rejectionBodies).as("every failure answers the same body").hasSize(1);
    }

    private HttpResponse<String> post(Endpoint endpoint, String authorizationOrToken) {
        String authorization = authorizationOrToken == null || authorizationOrToken.contains(" ")
                ? authorizationOrToken : bearer(authorizationOrToken);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint.path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(endpoint.body.apply(UUID.randomUUID().toString())));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static Instant now() {
        return Instant.now();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }

    static final String PATIENT_ID = "pt-77x91q";

    static String serviceRequest(String hookInstance) {
        return """
                {"hookInstance":"%s","hook":"patient-view",
                 "context":{"userId":"Practitioner/dr-1","patientId":"%s"},
                 "prefetch":{
                   "patient":{"resourceType":"Patient","id":"%s","birthDate":"2019-05-04","gender":"male",
                              "name":[{"family":"Quixotefarthing","given":["Zebulon"]}]},
                   "conditions":{"resourceType":"Bundle","type":"searchset","entry":[]},
                   "observations":{"resourceType":"Bundle","type":"searchset","entry":[]},
                   "procedures":{"resourceType":"Bundle","type":"searchset","entry":[]}}}
                """.formatted(hookInstance, PATIENT_ID, PATIENT_ID);
    }

    static final String FEEDBACK_BODY = """
            {"feedback":[{"card":"9b2c8e34-8a43-4f3f-8b42-0a0a8b1d8c11","outcome":"overridden",
              "outcomeTimestamp":"2026-01-01T10:05:31Z"}]}
            """;
}
