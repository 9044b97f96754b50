package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allcds.fixtures.RuleFolders;
import org.allcds.fixtures.TempFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hot reload over real HTTP, on a copy of the fixture rule set: the watcher and the endpoint pick up a valid edit; a broken
 * edit and an edit that breaks a scenario are refused while service calls keep being answered by the old set; the
 * admin endpoints need the token; and 50 reloads under continuous load never mix rule sets within a response.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RuleReloadIT {

    static final String TOKEN = "reload-it-admin-token";
    static final Path RULES;
    static final String ORIGINAL_RISK;
    static final String ORIGINAL_CONFIG;
    static final String ORIGINAL_HASH;

    static {
        RULES = RuleFolders.copy(TempFolders.create("rule-reload-it"));
        ORIGINAL_RISK = RuleFolders.read(RULES.resolve("risk/nci-risk.drl"));
        ORIGINAL_CONFIG = RuleFolders.read(RULES.resolve("config.yaml"));
        ORIGINAL_HASH = RuleSetSource.read(RULES).hash();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("allcds.rules.dir", RULES::toString);
        registry.add("allcds.rules.watch", () -> "true");
        registry.add("allcds.admin.token", () -> TOKEN);
        registry.add("allcds.security.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    /** Puts the original rules back and makes sure they serve, so each test starts from the same set. */
    @AfterEach
    void restore() throws Exception {
        RuleFolders.write(RULES.resolve("risk/nci-risk.drl"), ORIGINAL_RISK);
        RuleFolders.write(RULES.resolve("config.yaml"), ORIGINAL_CONFIG);
        assertThat(send(admin("/admin/rules/reload").POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
    }

    @Test
    void admin_withoutToken_orWithAWrongOne_is401() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/admin/rules")).GET());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/admin/rules")).header("Authorization", "Bearer nope").GET());
        HttpResponse<String> reload = send(HttpRequest.newBuilder(uri("/admin/rules/reload"))
                .header("Authorization", "Bearer " + TOKEN + "x").POST(HttpRequest.BodyPublishers.noBody()));
        for (HttpResponse<String> r : List.of(none, wrong, reload)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(json.readTree(r.body()).path("resourceType").asString()).isEqualTo("OperationOutcome");
        }
        assertThat(send(admin("/admin/rules").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void validEdit_isPickedUpByTheWatcher() throws Exception {
        RuleFolders.edit(RULES.resolve("risk/nci-risk.drl"), "\"NCI/Rome standard risk (age", "\"NCI/Rome standard risk, edited (age");
        String expected = RuleSetSource.read(RULES).hash();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String hash = ORIGINAL_HASH;
        while (!hash.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            hash = status().path("loaded").path("hash").asString();
        }
        assertThat(hash).isEqualTo(expected);
        JsonNode card = call().path("cards").get(0);
        assertThat(card.path("summary").asString()).startsWith("NCI/Rome standard risk, edited");
        assertThat(cardHash(card)).isEqualTo(expected);
    }

    @Test
    void validEdit_isLoadedByTheEndpoint_andShownInDiscoveryAndStatus() throws Exception {
        RuleFolders.edit(RULES.resolve("config.yaml"), "version: 1.0.0", "version: 1.0.1");
        String expected = RuleSetSource.read(RULES).hash();
        HttpResponse<String> r = send(admin("/admin/rules/reload").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode loaded = json.readTree(r.body()).path("loaded");
        assertThat(loaded.path("version").asString()).isEqualTo("1.0.1");
        assertThat(loaded.path("hash").asString()).isEqualTo(expected);
        assertThat(loaded.path("ruleCount").asInt()).isEqualTo(loaded.path("rules").size()).isPositive();
        JsonNode rule = loaded.path("rules").findParent("part");
        assertThat(rule.path("id").asString()).isNotBlank();
        assertThat(rule.path("source").asString()).isNotBlank();
        JsonNode discovery = json.readTree(send(HttpRequest.newBuilder(uri("/cds-services")).GET()).body());
        assertThat(discovery.path("services").get(0).path("extension").path("org.allcds").path("ruleSet").path("hash")
                .asString()).isEqualTo(expected);
    }

    @Test
    void brokenEdit_isRefused_whileTheOldSetKeepsAnswering_andStatusShowsFileAndLine(CapturedOutput output) throws Exception {
        RuleFolders.edit(RULES.resolve("risk/nci-risk.drl"), "AgeAtDiagnosis( years < $cfg.infantAgeYears )",
                "AgeAtDiagnosis( yeers < $cfg.infantAgeYears )");
        int line = lineOf(RuleFolders.read(RULES.resolve("risk/nci-risk.drl")), "yeers");
        HttpResponse<String> r = send(admin("/admin/rules/reload").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode outcome = json.readTree(r.body());
        assertThat(outcome.path("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(outcome.path("issue").findValuesAsString("diagnostics"))
                .anySatisfy(d -> assertThat(d).startsWith("risk/nci-risk.drl:" + line + ":"));
        assertThat(cardHash(call().path("cards").get(0))).isEqualTo(ORIGINAL_HASH);
        JsonNode status = status();
        assertThat(status.path("loaded").path("hash").asString()).isEqualTo(ORIGINAL_HASH);
        JsonNode problem = status.path("lastFailure").path("problems").get(0);
        assertThat(problem.path("file").asString()).isEqualTo("risk/nci-risk.drl");
        assertThat(problem.path("line").asInt()).isEqualTo(line);
        assertThat(problem.path("column").asInt()).isPositive();
        assertThat(problem.path("severity").asString()).isEqualTo("error");
        // The log says it once, at the file and line, not in Drools' every message (its KieProject logger is off)
        assertThat(output.getAll()).contains("refused, the previous set keeps serving", "risk/nci-risk.drl:" + line + ":")
                .doesNotContain("Unable to build KieBaseModel");
    }

    @Test
    void editThatBreaksAScenario_isRefused_whileTheOldSetKeepsAnswering() throws Exception {
        RuleFolders.edit(RULES.resolve("risk/nci-risk.drl"), "Finding.of(\"nci-risk\", \"NCI\", \"STANDARD\")",
                "Finding.of(\"nci-risk\", \"NCI\", \"HIGH\")");
        HttpResponse<String> r = send(admin("/admin/rules/reload").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("expected, not produced: nci-risk NCI STANDARD");
        JsonNode cards = call().path("cards");
        assertThat(cardHash(cards.get(0))).isEqualTo(ORIGINAL_HASH);
        assertThat(cards.get(0).path("summary").asString()).startsWith("NCI/Rome standard risk");
        JsonNode failed = status().path("lastFailure").path("failedScenarios").get(0);
        assertThat(failed.path("file").asString()).isEqualTo(RuleFolders.FIXTURE_SCENARIO);
        assertThat(failed.path("diff").asString()).contains("rules fired:");
    }

    @Test
    void fiftyReloadsUnderLoad_noRequestFails_andEachResponseComesFromOneRuleSet() throws Exception {
        String configB = ORIGINAL_CONFIG.replace("version: 1.0.0", "version: 1.0.1");
        RuleFolders.write(RULES.resolve("config.yaml"), configB);
        String hashB = RuleSetSource.read(RULES).hash();
        RuleFolders.write(RULES.resolve("config.yaml"), ORIGINAL_CONFIG);

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Set<String>> responseHashes = new ConcurrentLinkedQueue<>();
        Thread client = new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> r = send(callRequest());
                    if (r.statusCode() != 200) {
                        failures.add("status " + r.statusCode());
                        continue;
                    }
                    Set<String> hashes = new HashSet<>();
                    json.readTree(r.body()).path("cards").forEach(c -> hashes.add(cardHash(c)));
                    responseHashes.add(hashes);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "load-client");
        client.start();
        List<String> loadedHashes = new ArrayList<>();
        try {
            for (int i = 1; i <= 50; i++) {
                boolean b = i % 2 == 1;
                RuleFolders.write(RULES.resolve("config.yaml"), b ? configB : ORIGINAL_CONFIG);
                HttpResponse<String> r = send(admin("/admin/rules/reload").POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(r.statusCode()).isEqualTo(200);
                loadedHashes.add(json.readTree(r.body()).path("loaded").path("hash").asString());
                assertThat(loadedHashes.get(loadedHashes.size() - 1)).isEqualTo(b ? hashB : ORIGINAL_HASH);
            }
        } finally {
            running.set(false);
            client.join(30_000);
        }
        assertThat(failures).isEmpty();
        assertThat(responseHashes).hasSizeGreaterThan(50).allSatisfy(hashes ->
                assertThat(hashes).hasSize(1).isSubsetOf(ORIGINAL_HASH, hashB));
        assertThat(responseHashes.stream().flatMap(Set::stream).distinct()).containsExactlyInAnyOrder(ORIGINAL_HASH, hashB);
    }

    private JsonNode status() throws Exception {
        HttpResponse<String> r = send(admin("/admin/rules").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private JsonNode call() throws Exception {
        HttpResponse<String> r = send(callRequest());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private HttpRequest.Builder callRequest() throws IOException {
        return HttpRequest.newBuilder(uri("/cds-services/ped-all-risk")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(RULES.resolve(RuleFolders.FIXTURE_REQUEST))));
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String cardHash(JsonNode card) {
        return card.path("extension").path("org.allcds").path("ruleSet").path("hash").asString();
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalStateException(needle);
    }
}
