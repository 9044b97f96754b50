package org.allcds.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code allcds.security.replay.*}: where the {@code jti}s of accepted tokens are kept. {@code database} (the default)
 * shares them through the feedback store's database, so that a token used at one replica is refused at every other;
 * {@code memory} keeps them in this process only, which protects a single instance only.
 */
@ConfigurationProperties("allcds.security.replay")
record ReplayProperties(@DefaultValue("database") Store store, @DefaultValue("5m") Duration purgeInterval) {

    enum Store { DATABASE, MEMORY }
}
