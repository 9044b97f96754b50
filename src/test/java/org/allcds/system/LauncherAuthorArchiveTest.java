package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allcds.fixtures.TempFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/all-cds}'s choice of class-data archive for the author commands: the first {@code test <folder>} after a
 * build trains the commands' own archive once; a training run that crashes (as JDK 17 does when the run compiled DRL)
 * is not paid again by every later command, and leaves no crash report in the author's working directory. The
 * launcher's decisions are what is tested here, so {@code java} is a stand-in on the PATH that logs its arguments and
 * writes the archive or crashes as told (its crash report where {@code -XX:ErrorFile} says, else in the working
 * directory, as the JVM does); the real training run is measured by {@code bench/startup.sh}.
 */
class LauncherAuthorArchiveTest {

    private static final String FAKE_JAVA = """
            #!/bin/sh
            echo "$*" >> "$CALLS"
            crash_report="$PWD/hs_err_pid1.log"
            for argument in "$@"; do
              case "$argument" in
                -XX:ErrorFile=*) crash_report="${argument#-XX:ErrorFile=}" ;;
                -XX:ArchiveClassesAtExit=*)
                  [ "$TRAINING" = crash ] && { echo crash > "$crash_report"; exit 134; }
                  echo archive > "${argument#-XX:ArchiveClassesAtExit=}" ;;
              esac
            done
            echo "1 passed, 0 failed"
            """;

    private Path dir;
    private Path jar;
    private Path layout;
    private Path calls;

    @BeforeEach
    void aBuildWithItsLayoutPrepared() throws Exception {
        dir = TempFolders.create("allcds-launcher");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("java"), FAKE_JAVA);
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.writeString(dir.resolve("all-cds.jar"), "a build");
        layout = Files.createDirectories(dir.resolve("all-cds.layout"));
        Files.writeString(layout.resolve("all-cds.jar"), "extracted");
        Files.writeString(layout.resolve("all-cds.jsa"), "the service's archive");
        Files.writeString(layout.resolve(".source"), stamp(jar) + "\n");
        Files.createDirectories(dir.resolve("rules"));
        calls = dir.resolve("calls.log");
    }

    @AfterEach
    void cleanUp() {
        TempFolders.deleteTree(dir);
    }

    @Test
    void firstTestAfterABuild_trainsTheAuthorArchiveOnce_laterCommandsStartFromIt() throws Exception {
        assertThat(launch("ok", "test", "rules")).isZero();
        assertThat(layout.resolve("author.jsa")).hasContent("archive");
        assertThat(launch("ok", "test", "rules")).isZero();
        assertThat(launch("ok", "lint", "rules")).isZero();

        List<String> java = Files.readAllLines(calls);
        assertThat(java).hasSize(4);
        assertThat(java.get(0)).contains("-XX:ArchiveClassesAtExit=" + layout.resolve("author.jsa.tmp"))
                .endsWith("test rules");
        assertThat(java.subList(1, 4)).allSatisfy(call -> assertThat(call)
                .contains("-XX:SharedArchiveFile=" + layout.resolve("author.jsa")).doesNotContain("ArchiveClassesAtExit"));
    }

    @Test
    void aTrainingRunThatCrashes_isMarked_notRetried_andLeavesNoCrashReportBehind() throws Exception {
        assertThat(launch("crash", "test", "rules")).isZero();
        assertThat(launch("crash", "test", "rules")).isZero();

        List<String> java = Files.readAllLines(calls);
        assertThat(java).hasSize(3);
        assertThat(java.get(0)).contains("-XX:ArchiveClassesAtExit=")
                .contains("-XX:ErrorFile=" + layout.resolve("author-training-crash.log"));
        assertThat(java.subList(1, 3)).allSatisfy(call -> assertThat(call)
                .contains("-XX:SharedArchiveFile=" + layout.resolve("all-cds.jsa")).doesNotContain("ArchiveClassesAtExit"));
        assertThat(layout.resolve("author.failed")).exists();
        assertThat(layout.resolve("author.jsa")).doesNotExist();
        try (var files = Files.list(layout)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("author-training") || name.endsWith(".tmp"));
        }
    }

    @Test
    void lintFirst_trainsNothing_andStartsFromTheServicesArchive() throws Exception {
        assertThat(launch("ok", "lint", "rules")).isZero();

        assertThat(Files.readAllLines(calls)).singleElement().asString()
                .contains("-XX:SharedArchiveFile=" + layout.resolve("all-cds.jsa"));
        assertThat(layout.resolve("author.jsa")).doesNotExist();
    }

    /** Runs {@code bin/all-cds} from {@code dir} with the stand-in java, which trains as {@code training} says. */
    private int launch(String training, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", PackagedJar.LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile()));
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("ALLCDS_JAR", jar.toString());
        builder.environment().put("CALLS", calls.toString());
        builder.environment().put("TRAINING", training);
        builder.environment().remove("AUTHOR_OPTS");
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("bin/all-cds finished").isTrue();
        assertThat(dir.resolve("hs_err_pid1.log")).as("a crash report in the working directory").doesNotExist();
        return process.exitValue();
    }

    /** The jar's identity as the launcher reads it (GNU stat). */
    private static String stamp(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%s %Z %i", file.toString()).start();
        String out = new String(stat.getInputStream().readAllBytes()).trim();
        stat.waitFor();
        return out;
    }
}
