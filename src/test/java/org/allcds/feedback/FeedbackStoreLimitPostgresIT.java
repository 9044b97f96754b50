package org.allcds.feedback;

import com.zaxxer.hikari.HikariDataSource;

/** The limit on rows kept, on PostgreSQL: the same tests as on H2, with the same migrations. */
class FeedbackStoreLimitPostgresIT extends FeedbackStoreLimitTest {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
