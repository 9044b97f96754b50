package org.allcds.feedback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code allcds.feedback.*}: how long cards issued and feedback are kept (older rows are purged every
 * {@code purge-interval}), the {@code Retry-After} sent when the store is down, how many override reasons the summary
 * lists per rule, and how many responses may wait to be recorded before new ones are dropped.
 */
@ConfigurationProperties("allcds.feedback")
public record FeedbackProperties(@DefaultValue("365d") Duration retention, @DefaultValue("1h") Duration purgeInterval,
                                 @DefaultValue("30s") Duration retryAfter, @DefaultValue("3") int topReasons,
                                 @DefaultValue("10000") int recordQueue) {
}
