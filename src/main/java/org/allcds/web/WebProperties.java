package org.allcds.web;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP limits, CORS, the warm-up and shutdown: {@code allcds.limits.*}, {@code allcds.cors.*}, {@code allcds.warm-up.*},
 * {@code allcds.shutdown.*}.
 */
final class WebProperties {

    private WebProperties() {
    }

    /** Body size in bytes (413 above it) and JSON nesting depth (400 above it). */
    @ConfigurationProperties("allcds.limits")
    @Validated
    record Limits(@DefaultValue("5242880") @Positive long maxBodyBytes, @DefaultValue("100") @Positive int maxJsonDepth) {
    }

    /** Browser origins allowed to call the service; empty = none, {@code *} = any (demo only). */
    @ConfigurationProperties("allcds.cors")
    record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * The warm-up ({@link WarmUp}): whether it runs before readiness, and how many calls it makes in process after
     * readiness, in idle time ({@link BackgroundWarmUp}; 0 = none). 3,000 made the first sparse calls three times as
     * fast, for 15–20 s of CPU after each start; more did not pay (bench/RESULTS.md).
     */
    @ConfigurationProperties("allcds.warm-up")
    @Validated
    record WarmUpSettings(@DefaultValue("true") boolean enabled, @DefaultValue("3000") @PositiveOrZero int backgroundCalls) {
    }

    /**
     * At shutdown, how long the service goes on serving with readiness already DOWN before it stops accepting
     * connections ({@link ShutdownDrain}): for load balancers that learn from the readiness probe. 0 = none; in
     * Kubernetes the preStop sleep does this before SIGTERM.
     */
    @ConfigurationProperties("allcds.shutdown")
    @Validated
    record ShutdownSettings(@DefaultValue("0s") @DurationMin(nanos = 0) Duration drainDelay) {
    }
}
