package org.allcds.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.allcds.files.OwnedTempFolders;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/**
 * Tomcat's base folder and document root, in one owned temporary folder that is deleted when the application stops,
 * or by the next start when the process was killed. Left to Spring Boot, each start made {@code tomcat.<port>.*} and
 * {@code tomcat-docbase.<port>.*} in the temporary folder, and the first was never deleted, not even at a clean stop
 * ({@code deleteOnExit} removes empty folders only). The path is null when {@code server.tomcat.basedir} is
 * configured: then Tomcat uses that, as Spring Boot documents.
 */
record TomcatFolder(Path path) implements AutoCloseable {

    static final String PREFIX = "allcds-tomcat";

    static TomcatFolder forConfiguredBasedir(String configuredBasedir) {
        boolean configured = configuredBasedir != null && !configuredBasedir.isBlank();
        return new TomcatFolder(configured ? null : OwnedTempFolders.create(PREFIX));
    }

    void applyTo(TomcatServletWebServerFactory factory) {
        if (path == null) {
            return;
        }
        try {
            factory.setBaseDirectory(path.toFile());
            factory.setDocumentRoot(Files.createDirectories(path.resolve("docroot")).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Tomcat's folder", e);
        }
    }

    @Override
    public void close() {
        if (path != null) {
            OwnedTempFolders.delete(path);
        }
    }
}
