package org.allcds.pipeline;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code allcds.evaluation.*}: the CPU bulkhead of the service call ({@link EvaluationGate}).
 *
 * @param maxConcurrent how many calls may parse, evaluate and render at once; unset, one per available processor
 *                      (more only takes turns on the same cores, at a higher cost per call)
 * @param maxWait       the longest a call waits for its turn before it is answered 503
 * @param retryAfter    the {@code Retry-After} of that 503
 */
@ConfigurationProperties("allcds.evaluation")
@Validated
public record EvaluationGateProperties(@Positive Integer maxConcurrent,
                                       @DefaultValue("2s") @DurationMin(nanos = 1) Duration maxWait,
                                       @DefaultValue("1s") @DurationMin(seconds = 1) Duration retryAfter) {

    /** The number of permits: {@code max-concurrent}, or one per processor the JVM may use. */
    public int permits() {
        return maxConcurrent != null ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    }
}
