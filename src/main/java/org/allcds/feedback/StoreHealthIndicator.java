package org.allcds.feedback;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.core.NestedExceptionUtils;

/**
 * The {@code db} component of {@code /actuator/health}, as Spring Boot's, but quiet and bounded. Boot's logs a WARN
 * with the whole stack trace (some 96 lines) at every health call while the database is down, a probe every few
 * seconds; this one leaves the log to {@link StoreOutage}: the outage once, the return once. Boot's waits for the
 * database as long as it takes, which for a silent one is for ever, each probe holding a request thread; this one
 * answers DOWN after {@code timeout}. The check runs on a thread of its own, one at a time: a probe that comes while
 * a check is still running waits for that one instead of starting another, so a silent database holds one thread.
 */
final class StoreHealthIndicator extends DataSourceHealthIndicator {

    private final Duration timeout;
    private final StoreOutage outage;
    private final ThreadPoolExecutor checker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "store-health");
                t.setDaemon(true);
                return t;
            });
    private Future<Health> running;

    /** @param dataSource connections with a network timeout ({@link NetworkTimeoutDataSource}), which ends a check */
    StoreHealthIndicator(DataSource dataSource, Duration timeout, StoreOutage outage) {
        super(dataSource);
        this.timeout = timeout;
        this.outage = outage;
        checker.allowCoreThreadTimeOut(true);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Health health;
        long began = StoreOutage.now();
        try {
            health = check().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            builder.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms");
            outage.failed("no answer within " + timeout.toMillis() + " ms");
            return;
        } catch (ExecutionException e) {
            builder.down().withDetail("error", e.getCause().getClass().getName());
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e.getCause());
            outage.failed(cause.getClass().getSimpleName() + ": "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().withDetail("error", "interrupted");
            return;
        }
        builder.status(health.getStatus()).withDetails(health.getDetails());
        if (Status.UP.equals(health.getStatus())) {
            outage.answered(began);
        }
    }

    /** The check in progress, or a new one. */
    private synchronized Future<Health> check() {
        if (running == null || running.isDone()) {
            running = checker.submit(() -> {
                Health.Builder builder = new Health.Builder();
                super.doHealthCheck(builder);
                return builder.build();
            });
        }
        return running;
    }
}
