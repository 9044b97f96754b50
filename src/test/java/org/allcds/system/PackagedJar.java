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
 * The packaged jar ({@code target/all-cds.jar}) in its own process, started by the README's run command
 * ({@code bin/all-cds}: the extracted layout with a class-data archive, as the container runs it) from a working
 * directory of the test's choosing, its output appended to {@code out.log} there and its temporary folder inside it
 * ({@link #tempRoot}). The tests that start it run in one class: the first start lays the jar out, with a second run
 * beside it that waits for that layout.
 */
final class PackagedJar {

    /** The README's run command, and the layout it makes next to the jar. */
    static final Path LAUNCHER = Path.of("bin/all-cds").toAbsolutePath();
    static final Path LAYOUT = Path.of("target/all-cds.layout").toAbsolutePath();
    /** The lock a run holds while it prepares the layout. */
    static final Path LOCK = Path.of("target/all-cds.layout.lock").toAbsolutePath();
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

    /**
     * Starts the service with {@code arguments} (Spring options) on a free port of 127.0.0.1 through {@code bin/all-cds},
     * with these JVM settings in {@code JAVA_OPTS}, and waits for readiness. On its first run after a build the command
     * lays out the jar with {@code docker/app-cds.sh} (extraction and the class-data archive's training run) next to the
     * jar, in {@link #LAYOUT}; later runs start from that layout at once.
     */
    static PackagedJar startWithLauncher(Path workDir, String... arguments) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> jvmOptions = new ArrayList<>(JVM_OPTIONS);
        jvmOptions.add("-Djava.io.tmpdir=" + Files.createDirectories(tempRoot(workDir)));
        List<String> serviceArguments = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
        // the warm-up before readiness is tested; the JIT warm-up after it would only take the suite's cores
        serviceArguments.add("--allcds.warm-up.background-calls=0");
        serviceArguments.addAll(List.of(arguments));
        Path log = workDir.resolve("out.log");
        Process process = launcher(jvmOptions, serviceArguments, log).directory(workDir.toFile()).start();
        PackagedJar jar = new PackagedJar(process, "http://127.0.0.1:" + port, log);
        jar.awaitReady();
        return jar;
    }

    /**
     * Starts {@code bin/all-cds} with an author command ({@code lint rules}) from the project folder, with the same JVM
     * settings as the service, its output in {@code log}.
     */
    static Process startAuthorCommand(Path log, String... arguments) throws IOException {
        return launcher(JVM_OPTIONS, List.of(arguments), log).start();
    }

    /** {@code bin/all-cds} with {@code arguments}, {@code jvmOptions} as its JAVA_OPTS, its output appended to {@code log}. */
    private static ProcessBuilder launcher(List<String> jvmOptions, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions));
        return builder;
    }

    /**
     * The state right after a build whose last layout was being prepared by a run that was killed: no layout, and the
     * killed run's lock ({@link #LOCK}, holding the process id of a process that has ended).
     */
    static void forgetLayoutLeavingAStaleLock() throws IOException, InterruptedException {
        TempFolders.deleteTree(LAYOUT);
        TempFolders.deleteTree(LOCK);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(LOCK);
        Files.writeString(LOCK.resolve("pid"), gone.pid() + "\n");
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
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("The packaged jar did not become ready:\n" + Files.readString(log));
    }

    /** The temporary folder of the jar started in {@code workDir} ({@code java.io.tmpdir}). */
    static Path tempRoot(Path workDir) {
        return workDir.resolve("tmp");
    }

    /** {@code http://127.0.0.1:port}. */
    /** The service's process id: bin/all-cds execs java in its own process. */
    long pid() {
        return process.pid();
    }

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
