package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar with its default store (H2 in a file under ./data) is killed with SIGKILL right after feedback
 * calls were answered 200; started again on the same folder, it has every entry.
 */
class DurabilityIT {

    private static final Path JAR = Path.of("target/all-cds.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "admin-token-D";
    private static final int ENTRIES = 12;

    private Process process;
    private String base;

    private void start(Path workDir, String... options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        // The default profile, with its default datasource; authentication off only to keep the test short.
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "--server.port=" + port,
                "--server.address=127.0.0.1", "--allcds.security.enabled=false", "--allcds.admin.token=" + ADMIN));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command)
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("out.log").toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The packaged jar did not become ready:\n" + Files.readString(workDir.resolve("out.log")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
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
        Path workDir = Files.createTempDirectory("allcds-durability");
        start(workDir, "--logging.structured.format.console=ecs");
        for (int i = 0; i < ENTRIES; i++) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/cds-services/ped-all-risk/feedback"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31Z"}]}"""
                            .formatted(UUID.randomUUID()))));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }

        process.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close of the database
        process.waitFor();
        assertStructuredRequestLog(workDir.resolve("out.log"));
        assertThat(Files.isDirectory(workDir.resolve("data"))).as("the default store lives in ./data").isTrue();
        start(workDir);

        assertThat(unmatchedFeedback()).isEqualTo(ENTRIES);
    }
}
