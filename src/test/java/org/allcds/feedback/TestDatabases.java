package org.allcds.feedback;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.UUID;
import org.allcds.system.SharedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

/** Fresh, empty databases for the store's tests: H2 in memory (the demo's store) and PostgreSQL (production's). */
final class TestDatabases {

    private TestDatabases() {
    }

    static HikariDataSource h2(String name) {
        HikariDataSource h2 = new HikariDataSource();
        h2.setJdbcUrl("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUsername("sa");
        return h2;
    }

    static HikariDataSource postgres() {
        HikariDataSource postgres = new HikariDataSource();
        postgres.setJdbcUrl(SharedPostgres.newDatabase());
        postgres.setUsername(SharedPostgres.USER);
        postgres.setPassword(SharedPostgres.USER);
        return postgres;
    }

    /** Store calls as the service makes them, with a timeout no test here reaches. */
    static StoreCalls calls() {
        return new StoreCalls(Duration.ofSeconds(30), new StoreOutage());
    }

    /** The summary as the service computes it, three reasons per rule. */
    static FeedbackSummaryQuery summaryQuery(JdbcTemplate jdbc) {
        return new FeedbackSummaryQuery(jdbc, 3, calls(), Duration.ofSeconds(30));
    }
}
