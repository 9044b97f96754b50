package org.allcds.feedback;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.core.NestedExceptionUtils;

/**
 * The {@code db} component of {@code /actuator/health}, as Spring Boot's, but quiet: Boot's logs a WARN with the whole
 * stack trace (some 96 lines) at every health call while the database is down, a probe every few seconds. This one
 * logs the database going down once, at WARN on one line, and coming back once, at INFO.
 */
final class StoreHealthIndicator extends DataSourceHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StoreHealthIndicator.class);

    private final AtomicBoolean down = new AtomicBoolean();

    StoreHealthIndicator(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try {
            super.doHealthCheck(builder);
        } catch (Exception e) {
            builder.down().withDetail("error", e.getClass().getName());
            if (down.compareAndSet(false, true)) {
                Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
                log.warn("The database (feedback store, card log, JWT replay cache) is unreachable: {}: {}; service calls"
                        + " still answer, feedback answers 503 until it is back", cause.getClass().getSimpleName(),
                        String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
            }
            return;
        }
        if (Status.UP.equals(builder.build().getStatus()) && down.compareAndSet(true, false)) {
            log.info("The database is reachable again");
        }
    }
}
