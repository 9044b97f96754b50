package org.allcds.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The service build that evaluates: the project version and a short digest of the service's own classes and of the
 * bundled resources that affect evaluation (the rule folder, the FHIR conformance resources and ConceptMaps, the
 * default settings). Every card and the discovery document carry it, because findings depend on the Java code too
 * (dates, units, which records count), and the rule set's hash covers only the rule folder. The digest is over names
 * and bytes, so it changes with the code and never with the clock, the machine or the folder built in. The build
 * writes it into the jar's classes (see the pom), so the tests and the jar read the same value.
 *
 * @param version the Maven project version
 * @param digest  the first {@value #DIGEST_DIGITS} hex digits of the SHA-256 digest
 */
public record ServiceBuild(String version, String digest) {

    static final String RESOURCE = "allcds-build.properties";
    static final int DIGEST_DIGITS = 12;
    /** What the digest reads, relative to the service's class-path root (the build's own outputs are not listed). */
    private static final String[] EVALUATION_INPUTS = {"org/allcds/**/*", "allcds-rules/**/*",
            "allcds-fhir-profiles/**/*", "application*.yaml", "META-INF/services/*"};

    /** The build identity this service was built with, read once. */
    public static ServiceBuild current() {
        return Written.CURRENT;
    }

    private static final class Written {
        static final ServiceBuild CURRENT = read(ServiceBuild.class.getClassLoader());
    }

    /** The identity the build wrote into {@code loader}'s class path; a class path without one was not built by Maven. */
    static ServiceBuild read(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: build with Maven");
            }
            Properties written = new Properties();
            written.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return new ServiceBuild(written.getProperty("version"), written.getProperty("digest"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The short digest of the evaluation inputs in the class-path root that holds this class, as {@code loader} finds it. */
    static String compute(ClassLoader loader) {
        return ClassPathDigest.of(loader, ServiceBuild.class, "", EVALUATION_INPUTS).substring(0, DIGEST_DIGITS);
    }

    /**
     * Build step ({@code pom.xml}, phase process-classes): writes the identity of version {@code args[0]} and the
     * compiled classes to {@code args[1]}, without the date {@link Properties#store} would add.
     */
    public static void main(String[] args) throws IOException {
        ServiceBuild identity = new ServiceBuild(args[0], compute(ServiceBuild.class.getClassLoader()));
        Files.writeString(Path.of(args[1]), "version=" + identity.version() + "\ndigest=" + identity.digest() + "\n");
        System.out.println("Service build " + identity.version() + " " + identity.digest());
    }
}
