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
import org.allcds.AllCdsApplication;
import org.allcds.fixtures.PackagedSettings;
import org.allcds.fixtures.TempFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service with its default store (H2 in a file under ./data) is killed with SIGKILL right after feedback calls were
 * answered 200; started again on the same folder, it has every entry. The killed service is the packaged jar started
 * with {@code java -jar} ({@link PackagedJarIT} runs the README's command, which starts it from its extracted layout);
 * the restart, which only has to read what the killed process left on disk, runs in this JVM: about 6 s of CPU less
 * than a second jar start.
 */
class DurabilityIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "admin-token-D";
    private static final int ENTRIES = 12;

    private PackagedJar jar;
    private ConfigurableApplicationContext restarted;
    private String base;

    /**
     * The default profile, with its default datasource; authentication off only to keep the test short, and warm-up
     * off because it adds seconds to each start and is not what this test is about (PackagedJarIT runs it).
     */
    private void start(Path workDir, String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--allcds.security.enabled=false", "--allcds.admin.token=" + ADMIN,
                "--allcds.warm-up.enabled=false"));
        arguments.addAll(List.of(options));
        jar = PackagedJar.start(workDir, arguments.toArray(String[]::new));
        base = jar.base();
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
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) restarted).getWebServer().getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (jar != null) {
            jar.kill();
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long unmatchedFeedback() throws Exception {
        HttpResponse<String> summary = send(HttpRequest.newBuilder(URI.create(base + "/admin/feedback/summary"))
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
        start(workDir, "--logging.structured.format.console=ecs");
        for (int i = 0; i < ENTRIES; i++) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/cds-services/ped-all-risk/feedback"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31Z"}]}"""
                            .formatted(UUID.randomUUID()))));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }

        jar.kill(); // SIGKILL: no shutdown hook, no graceful close of the database
        assertStructuredRequestLog(workDir.resolve("out.log"));
        assertThat(Files.isDirectory(workDir.resolve("data"))).as("the default store lives in ./data").isTrue();
        restartInThisJvm(workDir);

        assertThat(unmatchedFeedback()).isEqualTo(ENTRIES);
    }
}
