package org.allcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shared replay cache on the real schema (H2, migrated by Flyway), and its fall-back when the database is gone. */
class JdbcReplayStoreTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static DataSource migratedDatabase() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:replay-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        return db;
    }

    private static JdbcTemplate migrated() {
        return new JdbcTemplate(migratedDatabase());
    }

    @Test
    void firstUseIsAccepted_everyLaterUseRefused_untilItExpires_andNoClientTextIsStored() {
        JdbcTemplate jdbc = migrated();
        JdbcReplayStore store = new JdbcReplayStore(jdbc, new ReplayCache(10), Duration.ofSeconds(5), Duration.ofSeconds(10));
        Instant expiry = NOW.plusSeconds(300);

        assertThat(store.use("https://ehr.example.org", "jti-1", expiry, NOW)).isEqualTo(ReplayCache.Result.FIRST_USE);
        assertThat(store.use("https://ehr.example.org", "jti-1", expiry, NOW)).isEqualTo(ReplayCache.Result.REPLAYED);
        assertThat(store.use("https://other.example.org", "jti-1", expiry, NOW)).isEqualTo(ReplayCache.Result.FIRST_USE);
        assertThat(store.use("https://ehr.example.org", "jti-1", NOW.plusSeconds(900), NOW.plusSeconds(301)))
                .as("the same id on a new token once the old one expired").isEqualTo(ReplayCache.Result.FIRST_USE);
        assertThat(jdbc.queryForList("SELECT jti_key FROM jwt_replay", String.class))
                .allSatisfy(key -> assertThat(key).matches("[0-9a-f]{64}"));
        assertThat(store.purge(NOW.plusSeconds(1000))).isEqualTo(2);
    }

    @Test
    void databaseUnreachable_fallsBackToThisReplicasMemory_whichStillRefusesItsOwnReplays() {
        // Production's PostgreSQL, on a port where nothing listens: refused at once (H2's network client retries for a
        // second and more before it gives up, on every call)
        JdbcTemplate gone = new JdbcTemplate(
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/nothing-listens", "postgres", ""));
        JdbcReplayStore store = new JdbcReplayStore(gone, new ReplayCache(10), Duration.ofSeconds(5), Duration.ofSeconds(10));

        assertThat(store.use("https://ehr.example.org", "jti-2", NOW.plusSeconds(300), NOW)).isEqualTo(ReplayCache.Result.FIRST_USE);
        assertThat(store.use("https://ehr.example.org", "jti-2", NOW.plusSeconds(300), NOW)).isEqualTo(ReplayCache.Result.REPLAYED);
    }

    /** A database that can be switched off: every connection refused while it is. */
    private static final class Switchable extends DelegatingDataSource {
        volatile boolean down;

        Switchable(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("Connection refused");
            }
            return super.getConnection();
        }
    }

    @Test
    void aTokenAcceptedWhileTheDatabaseWasDown_isRefusedOnceItIsBack_hereAndAtAnotherReplica() throws InterruptedException {
        Replicas replicas = tokenAcceptedWhileTheDatabaseWasDown("jti-3");
        JdbcReplayStore here = replicas.here();
        Instant expiry = replicas.expiry();

        assertThat(here.use("https://ehr.example.org", "jti-4", expiry, NOW)).isEqualTo(ReplayCache.Result.FIRST_USE);
        assertThat(here.use("https://ehr.example.org", "jti-3", expiry, NOW)).isEqualTo(ReplayCache.Result.REPLAYED);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (here.unshared() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(replicas.other().use("https://ehr.example.org", "jti-3", expiry, NOW)).isEqualTo(ReplayCache.Result.REPLAYED);
    }

    @Test
    void anIdleReplica_writesWhatItAcceptedFromMemory_onceTheDatabaseIsBack() throws InterruptedException {
        // no further call reaches this replica: only its background recovery can tell the others
        Replicas replicas = tokenAcceptedWhileTheDatabaseWasDown("jti-5");
        JdbcReplayStore here = replicas.here();

        assertThat(here.sharing()).as("deciding from memory since the outage").isFalse();
        here.recover(NOW);
        assertThat(here.sharing()).as("the database answers again").isTrue();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (here.unshared() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(replicas.other().use("https://ehr.example.org", "jti-5", replicas.expiry(), NOW))
                .isEqualTo(ReplayCache.Result.REPLAYED);
    }

    /** Two replicas on one database; {@code here} accepted {@code jti} from memory while its database was down. */
    private record Replicas(JdbcReplayStore here, JdbcReplayStore other, Instant expiry) {
    }

    private static Replicas tokenAcceptedWhileTheDatabaseWasDown(String jti) throws InterruptedException {
        DataSource db = migratedDatabase();
        Switchable switchable = new Switchable(db);
        Replicas replicas = new Replicas(
                new JdbcReplayStore(new JdbcTemplate(switchable), new ReplayCache(10), Duration.ofSeconds(5), Duration.ofMillis(1)),
                new JdbcReplayStore(new JdbcTemplate(db), new ReplayCache(10), Duration.ofSeconds(5), Duration.ofMillis(1)),
                NOW.plusSeconds(300));
        switchable.down = true;
        assertThat(replicas.here().use("https://ehr.example.org", jti, replicas.expiry(), NOW)).isEqualTo(ReplayCache.Result.FIRST_USE);
        switchable.down = false;
        Thread.sleep(5); // past the retry interval: the next call, or the background check, uses the database again
        return replicas;
    }
}
