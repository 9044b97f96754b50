package org.allcds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.allcds.fixtures.TcpProxy;
import org.allcds.system.SharedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shared replay cache when PostgreSQL goes away under a running replica (a proxy between the replica's pool and
 * the server, configured as in production: a 2 s connection timeout): whether the database refuses connections or
 * stops answering, a call is decided within the store's timeout, later calls do not wait for the database at all,
 * and a token accepted from memory meanwhile is refused afterwards, at this replica and, once the database is back,
 * at another.
 */
class JdbcReplayStorePostgresIT {

    private static final String ISS = "https://ehr.example.org";
    private static final Duration TIMEOUT = Duration.ofMillis(100);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** The timeout, and room for a busy test machine; without a bound a call waited 2 s, or for ever. */
    private static final Duration BOUND = Duration.ofMillis(600);

    private TcpProxy proxy;
    private HikariDataSource viaProxy;
    private HikariDataSource direct;
    private JdbcReplayStore replicaA;
    private JdbcReplayStore replicaB;

    @BeforeEach
    void twoReplicas_aBehindTheProxy() {
        String url = SharedPostgres.newDatabase();
        direct = pool(url);
        Flyway.configure().dataSource(direct).load().migrate();
        proxy = new TcpProxy(SharedPostgres.port(url));
        viaProxy = pool(SharedPostgres.throughPort(url, proxy.port()));
        replicaA = new JdbcReplayStore(new JdbcTemplate(viaProxy), new ReplayCache(100), TIMEOUT, RETRY);
        replicaB = new JdbcReplayStore(new JdbcTemplate(direct), new ReplayCache(100), TIMEOUT, RETRY);
    }

    /** As application.yaml configures the service's pool. */
    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(SharedPostgres.USER);
        pool.setPassword(SharedPostgres.USER);
        pool.setConnectionTimeout(2000);
        pool.setValidationTimeout(1000);
        pool.setMaximumPoolSize(10);
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    @AfterEach
    void stop() {
        proxy.close();
        viaProxy.close();
        direct.close();
    }

    private static ReplayCache.Result use(JdbcReplayStore store, String jti) {
        Instant now = Instant.now();
        return store.use(ISS, jti, now.plusSeconds(300), now);
    }

    private static <T> T within(Duration bound, Supplier<T> call) {
        return assertTimeoutPreemptively(bound, call::get, "a call waited for the database");
    }

    @Test
    void databaseRefusingConnections_aCallWaitsAtMostTheTimeout_laterCallsNotAtAll() {
        outageAndReturn(proxy::refuse);
    }

    @Test
    void databaseNotAnswering_aCallWaitsAtMostTheTimeout_laterCallsNotAtAll() {
        outageAndReturn(proxy::freeze);
    }

    private void outageAndReturn(Runnable outage) {
        String before = UUID.randomUUID().toString();
        assertThat(use(replicaA, before)).isEqualTo(ReplayCache.Result.FIRST_USE);

        outage.run();
        String during = UUID.randomUUID().toString();
        assertThat(within(BOUND, () -> use(replicaA, during))).isEqualTo(ReplayCache.Result.FIRST_USE);
        within(BOUND, () -> { // 20 calls in the time of one: while it is down, no call waits for the database
            for (int i = 0; i < 20; i++) {
                assertThat(use(replicaA, UUID.randomUUID().toString())).isEqualTo(ReplayCache.Result.FIRST_USE);
            }
            return null;
        });
        assertThat(within(BOUND, () -> use(replicaA, during))).isEqualTo(ReplayCache.Result.REPLAYED);

        proxy.forward();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (replicaA.unshared() > 0 && System.nanoTime() < deadline) {
            assertThat(within(BOUND, () -> use(replicaA, UUID.randomUUID().toString()))).isEqualTo(ReplayCache.Result.FIRST_USE);
            sleep(RETRY.dividedBy(3));
        }
        assertThat(replicaA.unshared()).as("ids accepted from memory written to the table").isZero();
        assertThat(use(replicaA, during)).as("refused at this replica once the database is back").isEqualTo(ReplayCache.Result.REPLAYED);
        assertThat(use(replicaB, during)).as("and at the other").isEqualTo(ReplayCache.Result.REPLAYED);
        assertThat(use(replicaB, before)).isEqualTo(ReplayCache.Result.REPLAYED);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
