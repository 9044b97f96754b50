package org.allcds.feedback;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.allcds.metrics.AllCdsMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feedback store on the application's DataSource (spring.datasource.*; schema by Flyway: the JdbcTemplate taken
 * here is made after the migration) and what uses it. Every connection the store takes has a network timeout
 * ({@link NetworkTimeoutDataSource}): half as long again as {@code allcds.feedback.database-timeout} for the card log,
 * feedback, the summary and the health check, whose statements take milliseconds; {@link #PURGE_NETWORK_TIMEOUT} for the retention purge,
 * whose deletes may be long.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackConfig {

    /** A purge after a lowered retention period deletes many rows in one statement; its own thread waits. */
    static final Duration PURGE_NETWORK_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The connections' network timeout: half as long again as a call's own, so that a call to a silent server always
     * ends by its own timeout (its answer says "no answer within …", and the call given up on cannot commit after it)
     * and not, as with two equal timeouts, by whichever fired first. The driver frees the thread soon after.
     */
    static Duration networkTimeout(Duration callTimeout) {
        return callTimeout.plus(callTimeout.dividedBy(2));
    }

    @Bean
    StoreOutage storeOutage() {
        return new StoreOutage();
    }

    @Bean
    StoreCalls storeCalls(FeedbackProperties properties, StoreOutage outage) {
        return new StoreCalls(properties.databaseTimeout(), outage);
    }

    @Bean
    FeedbackStore feedbackStore(JdbcTemplate jdbc, FeedbackProperties properties) {
        return store(jdbc.getDataSource(), networkTimeout(properties.databaseTimeout()), properties.keepNewest());
    }

    private static FeedbackStore store(DataSource pool, Duration networkTimeout, int keepNewest) {
        DataSource timed = new NetworkTimeoutDataSource(pool, networkTimeout);
        return new FeedbackStore(new JdbcTemplate(timed), new TransactionTemplate(StoreCalls.transactionManager(timed)),
                keepNewest);
    }

    @Bean
    FeedbackService feedbackService(FeedbackStore store, Clock clock, FeedbackProperties properties, AllCdsMetrics metrics,
                                    StoreCalls calls) {
        return new FeedbackService(store, clock, properties.retryAfter(), metrics, calls);
    }

    @Bean
    CardLog cardLog(FeedbackStore store, Clock clock, AllCdsMetrics metrics, FeedbackProperties properties,
                    StoreOutage outage) {
        return new CardLog(store, clock, metrics, properties.recordQueue(), outage);
    }

    @Bean
    FeedbackSummaryQuery feedbackSummaryQuery(FeedbackStore store, FeedbackProperties properties, StoreCalls calls) {
        return new FeedbackSummaryQuery(store.jdbc(), properties.topReasons(), calls, properties.retryAfter());
    }

    /** Replaces Spring Boot's {@code db} health component (same name), which logs a stack trace at every failed check. */
    @Bean
    StoreHealthIndicator dbHealthContributor(FeedbackStore store, FeedbackProperties properties, StoreOutage outage) {
        return new StoreHealthIndicator(store.jdbc().getDataSource(), properties.databaseTimeout(), outage);
    }

    @Bean
    RetentionPurge retentionPurge(JdbcTemplate jdbc, Clock clock, FeedbackProperties properties) {
        RetentionPurge purge = new RetentionPurge(store(jdbc.getDataSource(), PURGE_NETWORK_TIMEOUT, properties.keepNewest()),
                clock, properties.retention());
        purge.start(properties.purgeInterval());
        return purge;
    }
}
