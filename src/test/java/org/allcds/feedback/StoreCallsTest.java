package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A call whose caller stopped waiting: before its commit it never commits, so the caller's "nothing was stored" is
 * true; during its commit it may, and the caller is told so. The work is held on a latch, not slowed by a sleep.
 */
class StoreCallsTest {

    /** Long enough for the work to reach its latch on a busy machine: the commit is then ahead of it, or under way. */
    private final StoreCalls calls = new StoreCalls(Duration.ofSeconds(1), new StoreOutage());
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private HikariDataSource db;
    private JdbcTemplate jdbc;
    private TransactionTemplate tx;

    @BeforeEach
    void open() {
        db = TestDatabases.h2("calls");
        jdbc = new JdbcTemplate(db);
        jdbc.execute("CREATE TABLE written (n INT)");
        tx = new TransactionTemplate(StoreCalls.transactionManager(db));
    }

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        calls.close();
        db.close();
    }

    /** A transaction that writes a row, then waits for the test in its body or, {@code inCommit}, in its commit. */
    private StoreCalls.NoAnswer givenUp(boolean inCommit) {
        return catchThrowableOfType(StoreCalls.NoAnswer.class, () -> calls.call(() -> {
            try {
                Object done = tx.execute(status -> {
                    jdbc.update("INSERT INTO written VALUES (1)");
                    if (inCommit) {
                        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void beforeCommit(boolean readOnly) {
                                await();
                            }
                        });
                    } else {
                        await();
                    }
                    return "committed";
                });
                outcome.complete(done);
                return done;
            } catch (RuntimeException e) {
                outcome.complete(e);
                throw e;
            }
        }));
    }

    private void await() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object released() throws Exception {
        release.countDown();
        return outcome.get(10, TimeUnit.SECONDS);
    }

    @Test
    void givenUpBeforeItsCommit_theCallNeverCommits() throws Exception {
        StoreCalls.NoAnswer answer = givenUp(false);

        assertThat(answer).hasMessage("no answer within 1000 ms");
        assertThat(answer.mayHaveCommitted()).isFalse();
        assertThat(released()).isInstanceOf(StoreCalls.CallerGone.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM written", Long.class)).isZero();
    }

    @Test
    void givenUpDuringItsCommit_theCallerIsToldItMayHaveCommitted() throws Exception {
        StoreCalls.NoAnswer answer = givenUp(true);

        assertThat(answer.mayHaveCommitted()).isTrue();
        assertThat(released()).isEqualTo("committed");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM written", Long.class)).isOne();
    }

    /**
     * The connection's network timeout can fall on the commit before the caller's own timeout does: the commit fails
     * in the driver, but the server may have received it, so the caller is told it may have committed.
     */
    @Test
    void aCommitThatFailsOnTheWire_tellsTheCallerItMayHaveCommitted() {
        DataSource lostCommits = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object real = method.invoke(db, args);
                    return method.getName().equals("getConnection") ? lostCommit((Connection) real) : real;
                });
        TransactionTemplate lost = new TransactionTemplate(StoreCalls.transactionManager(lostCommits));

        StoreCalls.NoAnswer answer = catchThrowableOfType(StoreCalls.NoAnswer.class, () -> calls.call(() ->
                lost.execute(status -> new JdbcTemplate(lostCommits).update("INSERT INTO written VALUES (1)"))));

        assertThat(answer).hasMessage("no answer to the commit");
        assertThat(answer.mayHaveCommitted()).isTrue();
    }

    /** A connection whose commit reaches the server, as far as anyone can tell, but whose answer is lost. */
    private static Connection lostCommit(Connection real) {
        return (Connection) Proxy.newProxyInstance(StoreCallsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void answeredInTime_theResultIsReturned() throws Exception {
        release.countDown();
        assertThat(calls.<Object>call(() -> tx.execute(status -> jdbc.update("INSERT INTO written VALUES (1)"))))
                .isEqualTo(1);
    }
}
