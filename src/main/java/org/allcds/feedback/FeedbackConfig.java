package org.allcds.feedback;

import java.time.Clock;
import javax.sql.DataSource;
import org.allcds.metrics.AllCdsMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The feedback store on the application's DataSource (spring.datasource.*; schema by Flyway) and what uses it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackConfig {

    @Bean
    FeedbackStore feedbackStore(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                FeedbackProperties properties) {
        return new FeedbackStore(jdbc, new TransactionTemplate(transactions), properties.keepNewest());
    }

    @Bean
    FeedbackService feedbackService(FeedbackStore store, Clock clock, FeedbackProperties properties, AllCdsMetrics metrics) {
        return new FeedbackService(store, clock, properties.retryAfter(), metrics);
    }

    @Bean
    CardLog cardLog(FeedbackStore store, Clock clock, AllCdsMetrics metrics, FeedbackProperties properties) {
        return new CardLog(store, clock, metrics, properties.recordQueue());
    }

    @Bean
    FeedbackSummaryQuery feedbackSummaryQuery(JdbcTemplate jdbc, FeedbackProperties properties) {
        return new FeedbackSummaryQuery(jdbc, properties.topReasons());
    }

    /** Replaces Spring Boot's {@code db} health component (same name), which logs a stack trace at every failed check. */
    @Bean
    StoreHealthIndicator dbHealthContributor(DataSource dataSource) {
        return new StoreHealthIndicator(dataSource);
    }

    @Bean
    RetentionPurge retentionPurge(FeedbackStore store, Clock clock, FeedbackProperties properties) {
        RetentionPurge purge = new RetentionPurge(store, clock, properties.retention());
        purge.start(properties.purgeInterval());
        return purge;
    }
}
