package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * HikariCP reads the database's default isolation level from the first connection it sets up, and never again. When
 * that read fails with a connection error (the database went away at that moment: SQLState 08), it goes on with the
 * isolation level unknown (-1) and asks every later connection to use level -1, which every driver refuses: the pool
 * never gives a connection again, though the database is back. Seen once in the replay store's outage test. With the
 * level configured, as application.yaml does, nothing is read and every later connection works.
 */
class PoolIsolationTest {

    @Test
    void aFailedIsolationReadOnTheFirstConnection_poisonsAPoolWithoutTheLevel_notOneConfiguredAsTheService()
            throws SQLException {
        try (HikariDataSource unconfigured = pool(null)) {
            assertThatThrownBy(() -> unconfigured.getConnection().close()).as("first connection, read fails")
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> unconfigured.getConnection().close()).as("the database is back, the pool is not")
                    .isInstanceOf(SQLException.class);
        }
        try (HikariDataSource configured = pool(serviceIsolation())) {
            // the failed read leaves the configured level, which every connection is set to: they all work
            try (Connection first = configured.getConnection(); Connection second = configured.getConnection()) {
                assertThat(first.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                assertThat(second.isValid(1)).isTrue();
            }
        }
    }

    /** The level the service's pool is given (spring.datasource.hikari.transaction-isolation in application.yaml). */
    private static String serviceIsolation() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties properties = yaml.getObject();
        String level = properties == null ? null : properties.getProperty("spring.datasource.hikari.transaction-isolation");
        assertThat(level).as("application.yaml configures the pool's isolation level").isNotNull();
        return level;
    }

    /** A pool whose first connection's isolation read fails as a dropped connection does (SQLState 08006). */
    private static HikariDataSource pool(String isolation) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:pool-isolation-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        AtomicBoolean failed = new AtomicBoolean();
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(new org.springframework.jdbc.datasource.DelegatingDataSource(h2) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("getTransactionIsolation") && failed.compareAndSet(false, true)) {
                                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        });
        pool.setConnectionTimeout(1000);
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0);
        pool.setInitializationFailTimeout(-1);
        if (isolation != null) {
            pool.setTransactionIsolation(isolation);
        }
        return pool;
    }
}
