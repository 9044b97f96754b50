package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.allcds.fixtures.TempFolders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's promise: its run command, {@code bin/all-cds --spring.profiles.active=demo}, answers the README's curl
 * example with cards whose findings match the data contract. The command lays out the packaged jar with the container's
 * script ({@code docker/app-cds.sh}: extraction, then the class-data archive's training run) and starts the service from
 * that layout, in its own process, from another working directory, so the rule set bundled in the jar is the one served.
 * ({@link DurabilityIT} starts the packaged jar itself, with {@code java -jar}.)
 */
class PackagedJarIT {

    private static final Path EXAMPLE = Path.of("fhir-profiles/requests/ped-all-risk-example-a.json");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static PackagedJar jar;
    private static Path workDir;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        workDir = TempFolders.create("allcds-jar");
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
}
