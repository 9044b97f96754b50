package org.allcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Test
    void answeredInTime_theResultIsReturned() throws Exception {
        release.countDown();
        assertThat(calls.<Object>call(() -> tx.execute(status -> jdbc.update("INSERT INTO written VALUES (1)"))))
                .isEqualTo(1);
    }
}
