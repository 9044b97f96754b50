package org.allcds.feedback;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool's connections, each with a network timeout while the store holds it: a thread waiting for the server
 * (a statement, a commit, a validity check) gets an error once the server has been silent that long, and the driver
 * closes the connection, whose transaction the server then rolls back. Without it a server that stops answering
 * (a stopped process, a dropped network) holds the thread and the connection until the operating system gives up on
 * the socket, which for a silent peer is never. The pool restores its own setting when the connection comes back.
 * Embedded H2 has no network: its driver ignores the setting.
 */
final class NetworkTimeoutDataSource extends DelegatingDataSource {

    private final int millis;

    NetworkTimeoutDataSource(DataSource pool, Duration timeout) {
        super(pool);
        this.millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return timed(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return timed(super.getConnection(username, password));
    }

    private Connection timed(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, millis);
        } catch (SQLFeatureNotSupportedException noNetwork) {
            // a driver without a network timeout: as before
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
