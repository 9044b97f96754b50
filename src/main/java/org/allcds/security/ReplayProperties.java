package org.allcds.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code allcds.security.replay.*}: where the {@code jti}s of accepted tokens are kept. {@code database} (the default)
 * shares them through the feedback store's database, so that a token used at one replica is refused at every other;
 * {@code memory} keeps them in this process only, which protects a single instance only. {@code database-timeout} is the
 * longest a service call waits for the shared table; past it, or when the database fails, the replica decides from its
 * own memory and asks the database again only after {@code retry-interval}.
 */
@ConfigurationProperties("allcds.security.replay")
@Validated
record ReplayProperties(@DefaultValue("database") @NotNull Store store,
                        @DefaultValue("5m") @DurationMin(nanos = 1) Duration purgeInterval,
                        @DefaultValue("500ms") @DurationMin(millis = 1) Duration databaseTimeout,
                        @DefaultValue("10s") @DurationMin(millis = 1) Duration retryInterval) {

    enum Store { DATABASE, MEMORY }
}
