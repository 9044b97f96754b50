package org.allcds.feedback;

import com.zaxxer.hikari.HikariDataSource;
import org.allcds.system.SharedPostgres;

/** The limit on rows kept, on PostgreSQL: the same tests as on H2, with the same migrations. */
class FeedbackStoreLimitPostgresIT extends FeedbackStoreLimitTest {

    @Override
    protected HikariDataSource newDatabase() {
        HikariDataSource postgres = new HikariDataSource();
        postgres.setJdbcUrl(SharedPostgres.newDatabase());
        postgres.setUsername(SharedPostgres.USER);
        postgres.setPassword(SharedPostgres.USER);
        return postgres;
    }
}
