package org.allcds.feedback;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code allcds.feedback.*}: how long cards issued and feedback are kept (older rows are purged every
 * {@code purge-interval}), how many of each are kept at most ({@code keep-newest}: the newest; 0 for no limit, the
 * default: a store in memory needs one, a database on disk has its retention period), the {@code Retry-After} sent
 * when the store is down, how many override reasons the summary lists per rule, and how many responses may wait to be
 * recorded before new ones are dropped (a waiting response holds about 0.6 KB: 2000 is two seconds of calls at the
 * demo's busiest, and a queue that a writer which cannot keep up leaves full stays small enough for the young
 * generation).
 * {@code database-timeout} is the longest a feedback call, the admin summary or a health check waits for the database:
 * past it the call answers 503 (the health check DOWN) whatever the database does, and a connection of the store
 * whose server is silent that long is closed, which frees the thread that waited on it.
 */
@ConfigurationProperties("allcds.feedback")
@Validated
public record FeedbackProperties(@DefaultValue("365d") @DurationMin(nanos = 1) Duration retention,
                                 @DefaultValue("1h") @DurationMin(nanos = 1) Duration purgeInterval,
                                 @DefaultValue("30s") @DurationMin(seconds = 1) Duration retryAfter,
                                 @DefaultValue("3") @PositiveOrZero int topReasons,
                                 @DefaultValue("2000") @Positive int recordQueue,
                                 @DefaultValue("0") @PositiveOrZero int keepNewest,
                                 @DefaultValue("2s") @DurationMin(millis = 1) Duration databaseTimeout) {
}
