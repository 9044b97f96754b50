package org.allcds.feedback;

import com.zaxxer.hikari.HikariDataSource;

/** Rule lists stored once per list, on PostgreSQL: the same tests as on H2, with the same migrations. */
class RuleListsStorePostgresIT extends RuleListsStoreTest {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
