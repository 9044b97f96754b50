package org.allcds.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.allcds.metrics.AllCdsMetrics;
import org.allcds.metrics.JwtRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires JWT verification in front of the CDS Hooks endpoints when {@code allcds.security.enabled} is true (the default). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, ReplayProperties.class})
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** Between the CORS filter (HIGHEST_PRECEDENCE + 10) and the body limit (+ 20) of the web package. */
    static final int JWT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "allcds.security.enabled", matchIfMissing = true)
    static class Enabled {

        private final JwtVerifier verifier;

        Enabled(SecurityProperties properties, ReplayProperties replay, ObjectProvider<Clock> clock,
                ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<AllCdsMetrics> metrics) {
            Clock now = clock.getIfAvailable(Clock::systemUTC);
            AllCdsMetrics m = metrics.getIfAvailable();
            ReplayStore store = replayStore(properties, replay, jdbc.getIfAvailable(), now);
            if (m != null && store instanceof JdbcReplayStore shared) {
                m.replayShared(shared::sharing);
            }
            this.verifier = createVerifier(properties, now, store, m == null ? refusal -> { } : m::jwtRefused);
        }

        @Bean
        JwtVerifier jwtVerifier() {
            return verifier;
        }

        /**
         * After the request log and CORS filters (so a 401 is logged and carries Allow-Origin), before the body limit
         * and Spring MVC.
         */
        @Bean
        FilterRegistrationBean<CdsJwtFilter> cdsJwtFilter() {
            FilterRegistrationBean<CdsJwtFilter> bean = new FilterRegistrationBean<>(new CdsJwtFilter(verifier));
            // every path: the container maps "/cds-services/%2e%2e" to "/", which Spring MVC still routes to a service
            bean.addUrlPatterns("/*");
            bean.setOrder(JWT_FILTER_ORDER);
            return bean;
        }
    }

    /** In the database when one is configured and the store is not set to memory; purged of expired entries. */
    static ReplayStore replayStore(SecurityProperties properties, ReplayProperties replay, JdbcTemplate jdbc, Clock clock) {
        ReplayCache memory = new ReplayCache(properties.replayCacheSize());
        if (replay.store() == ReplayProperties.Store.MEMORY || jdbc == null) {
            log.info("JWT replay cache in memory: it protects this instance only; with several replicas use the database");
            return memory;
        }
        JdbcReplayStore shared = new JdbcReplayStore(jdbc, memory, replay.databaseTimeout(), replay.retryInterval());
        PURGE.scheduleWithFixedDelay(() -> {
            try {
                shared.purge(clock.instant());
            } catch (RuntimeException e) {
                log.debug("JWT replay cache purge skipped ({})", e.getClass().getSimpleName());
            }
        }, replay.purgeInterval().toMillis(), replay.purgeInterval().toMillis(), TimeUnit.MILLISECONDS);
        PURGE.scheduleWithFixedDelay(() -> shared.recover(clock.instant()),
                replay.retryInterval().toMillis(), replay.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        return shared;
    }

    /** One daemon thread for the whole JVM (tests start several contexts); purging is idempotent. */
    private static final ScheduledExecutorService PURGE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jwt-replay-purge");
        t.setDaemon(true);
        return t;
    });

    /** Static files are read now, so a missing or broken one stops start-up; remote sets load on first use. */
    static JwtVerifier createVerifier(SecurityProperties properties, Clock clock, ReplayStore replayStore,
                                      Consumer<JwtRefusal> refusals) {
        Map<String, IssuerKeys> keys = new LinkedHashMap<>();
        for (SecurityProperties.Issuer issuer : properties.issuers()) {
            boolean remote = issuer.jwksUrl() != null;
            IssuerKeys issuerKeys = new IssuerKeys(issuer.iss(), remote
                    ? JwksLoaders.remote(issuer.jwksUrl(), properties.jwksTimeout())
                    : JwksLoaders.file(issuer.jwksFile()), clock, properties.jwksTimeout().multipliedBy(2));
            if (!remote) {
                issuerKeys.load();
            }
            keys.put(issuer.iss(), issuerKeys);
        }
        return new JwtVerifier(properties, keys, clock, replayStore, refusals);
    }
}
