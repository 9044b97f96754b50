package org.allcds.feedback;

import com.zaxxer.hikari.HikariDataSource;

/** Override reasons stored once per list, on PostgreSQL: the same tests as on H2, with the same migrations. */
class OfferedReasonsStorePostgresIT extends OfferedReasonsStoreTest {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
