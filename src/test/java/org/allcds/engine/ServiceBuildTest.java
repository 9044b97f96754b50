package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service build a card names: the project version and a digest of the code and bundled resources that evaluate,
 * the same however often, wherever and whenever it is computed, and different when that code changes.
 */
class ServiceBuildTest {

    @TempDir
    Path elsewhere;

    @Test
    void theIdentity_isTheProjectVersion_andTwelveHexDigits() throws IOException {
        Matcher pom = Pattern.compile("<artifactId>all-cds</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();

        assertThat(ServiceBuild.current().version()).isEqualTo(pom.group(1));
        assertThat(ServiceBuild.current().digest()).matches("[0-9a-f]{12}");
    }

    @Test
    void computedAgain_isWhatTheBuildWrote() {
        ClassLoader loader = ServiceBuild.class.getClassLoader();

        assertThat(ServiceBuild.compute(loader)).isEqualTo(ServiceBuild.compute(loader))
                .isEqualTo(ServiceBuild.current().digest());
    }

    @Test
    void theClassesCopiedElsewhere_withOtherFileTimes_giveTheSameBuild() throws IOException {
        Path copy = copyOfClasses();

        assertThat(digestOf(copy)).isEqualTo(ServiceBuild.current().digest());
    }

    @Test
    void aChangedMappingClass_orBundledRule_givesAnotherBuild_aResourceEvaluationDoesNotRead_doesNot() throws IOException {
        Path copy = copyOfClasses();
        String before = digestOf(copy);

        Files.writeString(copy.resolve("warmup/patient-view.json"), " ", StandardOpenOption.APPEND);
        assertThat(digestOf(copy)).as("a warm-up request").isEqualTo(before);
        Files.write(copy.resolve("org/allcds/mapping/ClinicalDates.class"), new byte[] {0}, StandardOpenOption.APPEND);
        String mappingChanged = digestOf(copy);
        assertThat(mappingChanged).as("a mapping class").isNotEqualTo(before);
        Files.writeString(copy.resolve("allcds-rules/config.yaml"), "\n", StandardOpenOption.APPEND);
        assertThat(digestOf(copy)).as("the bundled rules' config").isNotEqualTo(mappingChanged).isNotEqualTo(before);
    }

    /** The service's class-path root, copied to another folder with every file dated otherwise. */
    private Path copyOfClasses() throws IOException {
        Path classes = classesRoot();
        FileTime otherTime = FileTime.fromMillis(0);
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = elsewhere.resolve(classes.relativize(from).toString());
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
                Files.setLastModifiedTime(to, otherTime);
            }
        }
        return elsewhere;
    }

    private static Path classesRoot() {
        String anchor = ServiceBuild.class.getName().replace('.', '/') + ".class";
        try {
            Path anchorFile = Path.of(ServiceBuild.class.getClassLoader().getResource(anchor).toURI());
            return anchorFile.getRoot().resolve(anchorFile.subpath(0, anchorFile.getNameCount() - anchor.split("/").length));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digestOf(Path root) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return ServiceBuild.compute(loader);
        }
    }
}
