package org.allcds.security;

import static org.allcds.security.TestTokens.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.allcds.AllCdsApplication;
import org.allcds.feedback.CardLog;
import org.allcds.system.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the service (two Spring applications on their own ports, as two replicas behind a load balancer)
 * on one real PostgreSQL server: a token accepted by A is refused by B, feedback posted to B about A's card appears
 * in A's summary, and both serve the same rule-set hash.
 */
class ReplicasIT {

    private static final String SERVICE = "/cds-services/ped-all-risk";
    private static final String ADMIN = "admin-token-R";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoReplicas() throws IOException {
        String database = SharedPostgres.newDatabase();
        Path jwks = Files.createTempFile("replicas-jwks", ".json");
        Files.writeString(jwks, TestTokens.trustedJwks().toString());
        jwks.toFile().deleteOnExit();
        a = replica(database, jwks);
        b = replica(database, jwks);
    }

    private static ConfigurableApplicationContext replica(String database, Path jwks) {
        return new SpringApplicationBuilder(AllCdsApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + SharedPostgres.USER, "--spring.datasource.password=" + SharedPostgres.USER,
                "--allcds.security.enabled=true", "--allcds.security.public-base-url=" + BASE,
                "--allcds.security.issuers[0].iss=" + TestTokens.ISS, "--allcds.security.issuers[0].jwks-file=" + jwks,
                "--allcds.admin.token=" + ADMIN, "--allcds.rules.watch=false");
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static int port(ConfigurableApplicationContext replica) {
        return ((WebServerApplicationContext) replica).getWebServer().getPort();
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext replica, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(replica) + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String exampleA() {
        try (var in = new org.springframework.core.io.ClassPathResource("requests/ped-all-risk/example-a.json").getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(String path) {
        return TestTokens.es384(BASE + path, Instant.now()).sign();
    }

    @Test
    void aTokenAcceptedByOneReplica_isRefusedByTheOther() {
        String token = token(SERVICE);
        String request = CdsJwtIT.serviceRequest(UUID.randomUUID().toString());

        assertThat(send(a, SERVICE, token, request).statusCode()).isEqualTo(200);
        assertThat(send(b, SERVICE, token, request).statusCode()).isEqualTo(401);
        assertThat(send(a, SERVICE, token, request).statusCode()).isEqualTo(401);
        // both share the table, and say so for an alert on the fallback
        assertThat(send(a, "/actuator/prometheus", null, null).body()).contains("allcds_jwt_replay_shared 1.0");
    }

    @Test
    void feedbackPostedToOneReplica_appearsInTheOthersSummary_checkedAgainstTheCardItIssued() {
        Instant since = Instant.now();
        JsonNode card = JSON.readTree(send(a, SERVICE, token(SERVICE), exampleA()).body()).path("cards").path(0);
        assertThat(card.path("uuid").asString()).as("a card from worked example A").isNotBlank();
        a.getBean(CardLog.class).flush(Duration.ofSeconds(10));
        String feedback = """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31Z",
                 "overrideReason": {"reason": {"system": "https://all-cds.org/fhir/CodeSystem/override-reason", "code": "%s"}}}]}""";
        String uuid = card.path("uuid").asString();

        HttpResponse<String> notOffered = send(b, SERVICE + "/feedback", token(SERVICE + "/feedback"), feedback.formatted(uuid, "clinical-trial"));
        HttpResponse<String> offered = send(b, SERVICE + "/feedback", token(SERVICE + "/feedback"), feedback.formatted(uuid, "already-addressed"));
        JsonNode summary = JSON.readTree(send(a, "/admin/feedback/summary?since=" + since, ADMIN, null).body());

        assertThat(notOffered.statusCode()).as(notOffered.body()).isEqualTo(400);
        assertThat(offered.statusCode()).as(offered.body()).isEqualTo(200);
        String rule = card.at("/extension/org.allcds/rules/0/id").asString();
        JsonNode perRule = null;
        for (JsonNode r : summary.path("rules")) {
            perRule = r.path("ruleId").asString().equals(rule) ? r : perRule;
        }
        assertThat(perRule).as("rule %s in %s", rule, summary).isNotNull();
        assertThat(perRule.path("overridden").asLong()).isEqualTo(1);
        assertThat(perRule.at("/topOverrideReasons/0/code").asString()).isEqualTo("already-addressed");
    }

    @Test
    void bothReplicasServeTheSameRuleSetHash() {
        String hashA = JSON.readTree(send(a, "/cds-services", null, null).body()).at("/services/0/extension/org.allcds/ruleSet/hash").asString();
        String hashB = JSON.readTree(send(b, "/cds-services", null, null).body()).at("/services/0/extension/org.allcds/ruleSet/hash").asString();

        assertThat(hashA).hasSize(64).isEqualTo(hashB);
    }
}
