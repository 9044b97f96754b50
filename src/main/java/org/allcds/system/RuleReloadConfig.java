package org.allcds.system;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.allcds.engine.RuleReloader;
import org.allcds.engine.RuleSetCheck;
import org.allcds.engine.RuleSetGate;
import org.allcds.engine.RuleSetHolder;
import org.allcds.engine.RulesProperties;
import org.allcds.metrics.AllCdsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hot reload of the served rules folder, gated by the author scenarios run through the one evaluator: watched when
 * {@code allcds.rules.watch} is true and the folder is a real one (the rule set unpacked from the jar is never edited,
 * so never watched), and reloadable through the admin endpoint.
 */
@Configuration(proxyBeanMethods = false)
class RuleReloadConfig {

    private static final Logger log = LoggerFactory.getLogger(RuleReloadConfig.class);
    /** How long after readiness a watched folder's compiler warm-up starts: after the probes and first requests. */
    static final Duration COMPILER_WARM_UP_DELAY = Duration.ofSeconds(10);
    /** How long after readiness a watched folder's scenarios are read ahead for the first reload's gate. */
    static final Duration SCENARIO_READ_DELAY = Duration.ofSeconds(1);

    @Bean(destroyMethod = "close")
    RuleReloader ruleReloader(RuleFolder folder, RulesProperties rules, RuleSetHolder holder, RuleSetCheck check,
                              RuleSetGate gate, Clock clock, ObjectProvider<AllCdsMetrics> metrics) {
        RuleReloader reloader = new RuleReloader(folder.path(), holder, check, gate, clock);
        metrics.ifAvailable(m -> reloader.observe(a -> m.reload(a.outcome().name().toLowerCase(Locale.ROOT))));
        if (rules.watch() && !folder.bundled()) {
            reloader.watch();
        } else {
            log.info("Rules folder not watched ({})", folder.bundled() ? "the bundled rule set" : "allcds.rules.watch=false");
        }
        return reloader;
    }

    /**
     * Once the service is ready, a watched folder's first reload is made cheaper: its scenarios are read ahead
     * ({@link RuleReloader#prepareGate}) and the DRL compiler is warmed ({@link RuleReloader#warmCompiler}).
     * A warm-up like the request path's: {@code allcds.warm-up.enabled=false} (the test contexts) skips it too.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "allcds.warm-up.enabled", matchIfMissing = true)
    ApplicationListener<ApplicationReadyEvent> ruleCompilerWarmUp(RuleReloader reloader) {
        return ready -> {
            if (reloader.watching()) {
                reloader.prepareGate(SCENARIO_READ_DELAY);
                reloader.warmCompiler(COMPILER_WARM_UP_DELAY);
            }
        };
    }
}
