package org.allcds.system;

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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.allcds.AllCdsApplication;
import org.allcds.fixtures.PackagedSettings;
import org.allcds.fixtures.TempFolders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's promise: its run command, {@code bin/all-cds --spring.profiles.active=demo}, answers the README's curl
 * example with cards whose findings match the data contract. The command lays out the packaged jar with the container's
 * script ({@code docker/app-cds.sh}: extraction, then the class-data archive's training run) and starts the service from
 * that layout, in its own process, from another working directory, so the rule set bundled in the jar is the one served.
 * A second service started by the command ({@link SigkillRightAfterFeedback}) starts from the layout already made.
 */
class PackagedJarIT {

    private static final Path EXAMPLE = Path.of("fhir-profiles/requests/ped-all-risk-example-a.json");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static PackagedJar jar;
    private static Path workDir;
    private static String base;

    private static Process lint;

    /**
     * The first start after a build, as it can happen: a run killed while preparing the last layout left its lock,
     * and an author's {@code bin/all-cds lint rules} starts beside the service, so two runs find no layout at once.
     */
    @BeforeAll
    static void start() throws Exception {
        workDir = TempFolders.create("allcds-jar");
        PackagedJar.forgetLayoutLeavingAStaleLock();
        lint = PackagedJar.startAuthorCommand(workDir.resolve("lint.log"), "lint", "rules");
        jar = PackagedJar.startWithLauncher(workDir, "--spring.profiles.active=demo");
        base = jar.base();
    }

    /** Stopped as an operator stops it, the service leaves nothing in its temporary folder (the rules' copy, Tomcat's). */
    @AfterAll
    static void stop() throws Exception {
        if (jar != null) {
            Path tempRoot = PackagedJar.tempRoot(workDir);
            assertThat(tempRoot).isDirectoryContaining(path -> path.getFileName().toString().startsWith("allcds-tomcat"));
            jar.stop();
            assertThat(tempRoot).isEmptyDirectory();
        }
    }

    /** The fast start was made, not the launcher's fallback to the packaged jar as it is. */
    @Test
    void launcher_startsFromTheLayoutWithItsClassDataArchive() throws Exception {
        assertThat(PackagedJar.LAYOUT.resolve("all-cds.jar")).isRegularFile();
        assertThat(PackagedJar.LAYOUT.resolve("all-cds.jsa")).isNotEmptyFile();
        assertThat(Files.readString(workDir.resolve("out.log"))).doesNotContain("could not be made")
                .contains("Started AllCdsApplication");
    }

    /** The JVM writes no performance-data file (hsperfdata) into the system's temporary folder. */
    @Test
    void launcher_leavesNoPerformanceDataFile() {
        assertThat(Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(jar.pid()))).doesNotExist();
    }

    /** One run lays the jar out; the other waits for that layout instead of deleting it under the first one. */
    @Test
    void launcher_twoFirstRunsAtOnce_oneLayoutIsMade_andTheStaleLockTakenOver() throws Exception {
        assertThat(lint.waitFor(3, TimeUnit.MINUTES)).as("lint finished").isTrue();
        String lintOut = Files.readString(workDir.resolve("lint.log"));
        assertThat(lint.exitValue()).as(lintOut).isZero();
        assertThat(lintOut).contains("0 errors");
        String both = lintOut + Files.readString(workDir.resolve("out.log"));
        assertThat(both.split("Preparing the fast-start layout", -1)).as(both).hasSize(2);
        assertThat(both).contains("Waiting for another bin/all-cds to prepare");
        assertThat(PackagedJar.LOCK).doesNotExist();
    }

    @Test
    void demoJar_answersTheReadmeExample_withContractFindings() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/cds-services/ped-all-risk"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(EXAMPLE)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode cards = JSON.readTree(response.body()).get("cards");
        List<String> findings = new ArrayList<>();
        for (JsonNode card : cards) {
            JsonNode ext = card.get("extension").get("org.allcds");
            assertThat(ext.get("evaluationTime").asString()).isEqualTo("2024-07-18");
            assertThat(ext.get("ruleSet").get("hash").asString()).hasSize(64);
            assertThat(ext.get("rules")).isNotEmpty();
            ext.get("findings").forEach(f -> findings.add(f.get("type").asString() + " "
                    + (f.has("scheme") ? f.get("scheme").asString() : "-") + " " + f.get("value").asString()));
        }
        assertThat(findings).contains("nci-risk NCI STANDARD");
    }

    /** The worked examples of the rule catalogue, as requests kept in the repository: exactly these findings. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
        "ped-all-risk-example-a.json; ped-all-risk; nci-risk NCI STANDARD, risk-group COG_AALL08B1 LOW",
        "ped-all-risk-example-b.json; ped-all-risk; nci-risk NCI HIGH, risk-group COG_AALL08B1 HIGH",
        "ped-all-relapse-example-c.json; ped-all-relapse; relapse-timing COG LATE, relapse-timing BFM LATE, "
            + "relapse-stratum COG_AALL1331 LOW, relapse-stratum BFM_ALLREZ2002 S2, hsct-indication COG_AALL1331 NOT_INDICATED, "
            + "hsct-indication BFM_ALLREZ2002 NOT_INDICATED, cart-eligibility FDA NOT_MET, cart-eligibility EMA NOT_MET",
        "ped-all-relapse-example-d.json; ped-all-relapse; relapse-timing COG EARLY, relapse-timing BFM LATE, "
            + "relapse-stratum COG_AALL1331 HIGH, relapse-stratum BFM_ALLREZ2002 S2, hsct-indication COG_AALL1331 INDICATED, "
            + "hsct-indication BFM_ALLREZ2002 NOT_INDICATED, cart-eligibility FDA NOT_MET, cart-eligibility EMA NOT_MET",
        "ped-all-relapse-example-e.json; ped-all-relapse; relapse-stratum COG_AALL1331 NOT_APPLICABLE, "
            + "relapse-stratum BFM_ALLREZ2002 NOT_APPLICABLE, cart-eligibility FDA MET, cart-eligibility EMA MET"})
    void demoJar_workedExamples_giveExactlyTheCataloguedFindings(String file, String service, String expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/cds-services/" + service))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(EXAMPLE.resolveSibling(file))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        java.util.Set<String> findings = new java.util.TreeSet<>();
        for (JsonNode card : JSON.readTree(response.body()).get("cards")) {
            card.get("extension").get("org.allcds").get("findings").forEach(f -> findings.add(f.get("type").asString() + " "
                    + (f.has("scheme") ? f.get("scheme").asString() : "-") + " " + f.get("value").asString()));
        }
        assertThat(findings).containsExactlyInAnyOrderElementsOf(List.of(expected.split(", ")));
    }

    @Test
    void demoJar_discoveryListsTheThreeServicesWithTheBundledRuleSet() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/cds-services")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode services = JSON.readTree(response.body()).get("services");
        assertThat(services).extracting(s -> s.get("id").asString()).containsExactly("ped-all-risk", "ped-all-relapse", "ped-all-orders");
        assertThat(services.get(0).get("extension").get("org.allcds").get("ruleSet").get("version").asString()).isNotBlank();
    }

    /**
     * The service with its default store (H2 in a file under ./data) is killed with SIGKILL right after feedback calls
     * were answered 200; started again on the same folder, it has every entry. The killed service is started by the
     * same command on the layout the demo service's start made (here, in the same JVM, so that the layout is made once);
     * the restart, which only has to read what the killed process left on disk, runs in this JVM: about 6 s of CPU less
     * than another start.
     */
    @Nested
    class SigkillRightAfterFeedback {

        private static final String ADMIN = "admin-token-D";
        private static final int ENTRIES = 12;

        private PackagedJar killed;
        private ConfigurableApplicationContext restarted;
        private String current;

        /**
         * The default profile, with its default datasource; authentication off only to keep the test short, and warm-up
         * off because it adds seconds to each start and is not what this test is about (the demo service runs it).
         */
        private void startDefaultProfile(Path workDir, String... options) throws Exception {
            List<String> arguments = new ArrayList<>(List.of("--allcds.security.enabled=false", "--allcds.admin.token=" + ADMIN,
                    "--allcds.warm-up.enabled=false"));
            arguments.addAll(List.of(options));
            killed = PackagedJar.startWithLauncher(workDir, arguments.toArray(String[]::new));
            current = killed.base();
        }

        /**
         * The application again, in this JVM, on the store folder of the killed one, with the packaged default datasource
         * (the tests' own configuration gives each context an in-memory database).
         */
        private void restartInThisJvm(Path workDir) {
            restarted = new SpringApplicationBuilder(AllCdsApplication.class).run("--server.port=0",
                    "--server.address=127.0.0.1",
                    "--spring.datasource.url=" + PackagedSettings.get("application.yaml", "spring.datasource.url"),
                    "--allcds.store.dir=" + workDir.resolve("data"),
                    "--allcds.security.enabled=false", "--allcds.admin.token=" + ADMIN, "--allcds.warm-up.enabled=false",
                    "--allcds.rules.watch=false");
            current = "http://127.0.0.1:" + ((WebServerApplicationContext) restarted).getWebServer().getPort();
        }

        @AfterEach
        void stopBoth() throws InterruptedException {
            if (killed != null) {
                killed.kill();
            }
            if (restarted != null) {
                restarted.close();
            }
        }

        private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private long unmatchedFeedback() throws Exception {
            HttpResponse<String> summary = send(HttpRequest.newBuilder(URI.create(current + "/admin/feedback/summary"))
                    .header("Authorization", "Bearer " + ADMIN));
            assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
            JsonNode unmatched = JSON.readTree(summary.body()).path("unmatched");
            return unmatched.path("entries").asLong();
        }

        /** One property turns the log into JSON lines; the request log keeps its fields as JSON members. */
        private static void assertStructuredRequestLog(Path log) throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("{") && line.contains("RequestLogFilter") && line.contains("/feedback")) {
                    lines.add(JSON.readTree(line));
                }
            }
            assertThat(lines).hasSize(ENTRIES).allSatisfy(line -> {
                assertThat(line.path("cdsService").asString()).isEqualTo("ped-all-risk");
                assertThat(line.path("httpStatus").asInt()).isEqualTo(200);
                assertThat(line.path("route").asString()).isEqualTo("/cds-services/{serviceId}/feedback");
                assertThat(line.path("message").asString()).contains("service=ped-all-risk status=200");
                assertThat(line.path("durationMs").isNumber()).isTrue();
                assertThat(line.path("requestId").asString()).hasSize(36);
            });
        }

        @Test
        void sigkillRightAfterFeedbackAnswered200_losesNoEntry() throws Exception {
            Path workDir = TempFolders.create("allcds-durability");
            startDefaultProfile(workDir, "--logging.structured.format.console=ecs");
            for (int i = 0; i < ENTRIES; i++) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(current + "/cds-services/ped-all-risk/feedback"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31Z"}]}"""
                                .formatted(UUID.randomUUID()))));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }

            killed.kill(); // SIGKILL: no shutdown hook, no graceful close of the database
            assertStructuredRequestLog(workDir.resolve("out.log"));
            assertThat(Files.isDirectory(workDir.resolve("data"))).as("the default store lives in ./data").isTrue();
            restartInThisJvm(workDir);

            assertThat(unmatchedFeedback()).isEqualTo(ENTRIES);
        }
    }
}
