package org.allcds.authoring;

import java.time.Clock;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleSetHolder;
import org.allcds.engine.RulesProperties;
import org.allcds.metrics.AllCdsMetrics;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.scenario.ScenarioRunner;
import org.allcds.system.RuleFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hot reload of the served rules folder: watched when {@code allcds.rules.watch} is true and the folder is a real one
 * (the rule set unpacked from the jar is never edited, so never watched), and reloadable through the admin endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AuthoringConfig {

    private static final Logger log = LoggerFactory.getLogger(AuthoringConfig.class);

    @Bean(destroyMethod = "close")
    RuleReloader ruleReloader(RuleFolder folder, RulesProperties rules, RuleSetHolder holder, RuleCompiler compiler,
                              PatientEvaluator evaluator, Clock clock, ObjectProvider<AllCdsMetrics> metrics) {
        RuleReloader reloader = new RuleReloader(folder.path(), holder, compiler, new ScenarioRunner(evaluator), clock);
        metrics.ifAvailable(m -> reloader.observe(a -> m.reload(a.outcome().name().toLowerCase(java.util.Locale.ROOT))));
        if (rules.watch() && !folder.bundled()) {
            reloader.watch();
        } else {
            log.info("Rules folder not watched ({})", folder.bundled() ? "the bundled rule set" : "allcds.rules.watch=false");
        }
        return reloader;
    }
}
