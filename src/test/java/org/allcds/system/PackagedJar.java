package org.allcds.system;

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
import org.allcds.fixtures.TempFolders;

/**
 * The packaged jar ({@code target/all-cds.jar}) in its own process, started from a working directory of the test's
 * choosing, its output appended to {@code out.log} there and its temporary folder inside it ({@link #tempRoot});
 * {@link #start} returns once readiness is UP. It starts as
 * {@code java -jar} does ({@link #start}) or from the jar's extracted layout as the container does
 * ({@link #startExtracted}), which costs about a third less CPU per start.
 */
final class PackagedJar {

    static final Path JAR = Path.of("target/all-cds.jar").toAbsolutePath();
    /** The extracted layout, made once per test JVM on first use and deleted at exit. */
    private static Path layout;
    /**
     * The README's JVM settings, plus the client compiler only: it halves the CPU a start takes (about 35 to 15 s on
     * two cores), and these tests check what the jar answers, not how fast its optimised code runs.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-Xmn128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final String base;
    private final Path log;

    private PackagedJar(Process process, String base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the jar with {@code arguments} (Spring options) on a free port of 127.0.0.1 and waits for readiness. */
    static PackagedJar start(Path workDir, String... arguments) throws IOException, InterruptedException {
        return launch(JAR, workDir, arguments);
    }

    /**
     * As {@link #start}, from the jar's extracted layout ({@code java -Djarmode=tools -jar all-cds.jar extract}, as
     * {@code docker/app-cds.sh} makes it, without the class-data archive, whose training run costs a start).
     */
    static PackagedJar startExtracted(Path workDir, String... arguments) throws IOException, InterruptedException {
        return launch(extractedJar(), workDir, arguments);
    }

    private static synchronized Path extractedJar() throws IOException, InterruptedException {
        if (layout == null) {
            Path dir = TempFolders.create("allcds-layout");
            Path log = dir.resolve("extract.log");
            Process extract = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djarmode=tools",
                    "-jar", JAR.toString(), "extract", "--destination", dir.toString(), "--application-filename", "all-cds.jar",
                    "--force").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (extract.waitFor() != 0) {
                throw new IllegalStateException("The jar could not be extracted:\n" + Files.readString(log));
            }
            layout = dir.resolve("all-cds.jar");
        }
        return layout;
    }

    private static PackagedJar launch(Path executable, Path workDir, String... arguments) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(tempRoot(workDir)));
        command.addAll(List.of("-jar", executable.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        // the warm-up before readiness is tested; the JIT warm-up after it would only take the suite's cores
        command.add("--allcds.warm-up.background-calls=0");
        command.addAll(List.of(arguments));
        Path log = workDir.resolve("out.log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        PackagedJar jar = new PackagedJar(process, "http://127.0.0.1:" + port, log);
        jar.awaitReady();
        return jar;
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (readiness.statusCode() == 200 && readiness.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("The packaged jar did not become ready:\n" + Files.readString(log));
    }

    /** The temporary folder of the jar started in {@code workDir} ({@code java.io.tmpdir}). */
    static Path tempRoot(Path workDir) {
        return workDir.resolve("tmp");
    }

    /** {@code http://127.0.0.1:port}. */
    String base() {
        return base;
    }

    /** SIGKILL: no shutdown hook runs, nothing is closed gracefully. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as an operator stops it. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
