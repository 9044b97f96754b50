package org.allcds.feedback;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tests of the store on a fresh database per test, which each test migrates itself: to the newest schema, or first to
 * an older one to hold rows written as the store wrote them then.
 */
abstract class MigratedStoreTest {

    HikariDataSource db;
    JdbcTemplate jdbc;
    TransactionTemplate tx;

    /** The database the tests run on: a fresh, empty one per test. */
    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
        jdbc = new JdbcTemplate(db);
        tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Migrates to {@code target} (a version), or to the newest with null. */
    void migrate(String target) {
        var flyway = Flyway.configure().dataSource((DataSource) db);
        (target == null ? flyway : flyway.target(target)).load().migrate();
    }

    long rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
