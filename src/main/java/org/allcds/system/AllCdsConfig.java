package org.allcds.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.allcds.cards.CardProperties;
import org.allcds.engine.BundledRules;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetException;
import org.allcds.engine.RuleSetCheck;
import org.allcds.engine.RuleSetGate;
import org.allcds.engine.RuleSetHolder;
import org.allcds.engine.RuleSetSource;
import org.allcds.engine.RulesProperties;
import org.allcds.integrity.TemplateCodes;
import org.allcds.mapping.ConceptTranslator;
import org.allcds.mapping.FactMapper;
import org.allcds.pipeline.DatesProperties;
import org.allcds.pipeline.EvaluationGate;
import org.allcds.pipeline.EvaluationGateProperties;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.HookPipeline;
import org.allcds.pipeline.PatientEvaluator;
import org.allcds.prefetch.PrefetchResolver;
import org.allcds.profiles.ProfileValidation;
import org.allcds.scenario.ScenarioGate;
import org.allcds.scenario.ScenarioRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request path's beans. The rule set is compiled here, at start-up: a rule set that does not load stops the start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RulesProperties.class, CardProperties.class, EvaluationGateProperties.class,
        DatesProperties.class})
class AllCdsConfig {

    private static final Logger log = LoggerFactory.getLogger(AllCdsConfig.class);

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /**
     * The folder actually served: the configured one, or the bundled rule set when that does not exist (unpacked to a
     * temporary folder, deleted at shutdown).
     */
    @Bean(destroyMethod = "close")
    RuleFolder ruleFolder(RulesProperties properties) {
        if (Files.isDirectory(properties.dir())) {
            return new RuleFolder(properties.dir(), false);
        }
        Path unpacked = BundledRules.unpack();
        log.warn("Rules folder '{}' not found; serving the rule set bundled in the jar", properties.dir());
        return new RuleFolder(unpacked, true);
    }

    @Bean
    RuleCompiler ruleCompiler(Clock clock) {
        return new RuleCompiler(clock);
    }

    /** The one compile with every author check, for start-up and reload alike (see {@link EvaluationAssembly}). */
    @Bean
    RuleSetCheck ruleSetCheck(RuleCompiler compiler) {
        return EvaluationAssembly.ruleSetCheck(compiler);
    }

    /**
     * The rule set compiles on its own thread while the rest of the application starts (it is the longest single step
     * of start-up); {@link #ruleSetLoaded} waits for it before the server opens its port. At shutdown the set serving
     * is disposed (its sessions, KieContainer and KieModule).
     */
    @Bean(destroyMethod = "close")
    RuleSetHolder ruleSetHolder(RuleFolder folder, RuleSetCheck check) {
        return RuleSetHolder.loading(CompletableFuture.supplyAsync(() -> loaded(check.compile(RuleSetSource.read(folder.path()))),
                task -> {
                    Thread thread = new Thread(task, "rule-set-compile");
                    thread.setDaemon(true);
                    thread.start();
                }));
    }

    /**
     * A rule set that does not load, or that fails its folder's scenarios, stops the start, after every bean is built and
     * before any request is accepted.
     */
    @Bean
    SmartInitializingSingleton ruleSetLoaded(RuleSetHolder holder, RuleFolder folder, RuleSetGate gate) {
        return () -> gateAtStart(holder.current(), folder, gate);
    }

    /**
     * The gate a reload goes through (the reloader's), run on the first set: a folder the running service would
     * refuse is not served after a restart either. The rule set bundled in the jar, and a folder whose rules are the
     * bundled ones (loaded precompiled), passed it when the jar was built, so their start does not pay for it again.
     */
    static void gateAtStart(RuleSet serving, RuleFolder folder, RuleSetGate gate) {
        if (folder.bundled() || serving.precompiled()) {
            return;
        }
        long start = System.nanoTime();
        RuleSetGate.Verdict verdict = gate.check(serving, folder.path());
        if (!verdict.passed()) {
            throw new IllegalStateException("The rules folder '" + folder.path() + "' is refused, as a reload would be: "
                    + "its scenarios failed (" + verdict.summary() + "). Nothing is served; fix the rules or the scenarios"
                    + " ('test' shows the same):" + verdict.describe(RuleSetGate.SHOWN_DIFFS));
        }
        log.info("Rules folder '{}' passed its scenarios: {} ({} ms)", folder.path(), verdict.summary(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The gate of start-up and of every reload: every scenario in the folder's {@code tests/} passes. */
    @Bean
    RuleSetGate ruleSetGate(PatientEvaluator evaluator) {
        return new ScenarioGate(new ScenarioRunner(evaluator));
    }

    private static RuleSet loaded(RuleCompiler.Result result) {
        result.problems().stream().filter(p -> !p.isError()).forEach(p -> log.warn("Rule set: {}", p));
        if (!result.ok()) {
            throw new RuleSetException("The rule set does not load:", result.problems());
        }
        RuleSet ruleSet = result.ruleSet();
        log.info("Rule set {} ({}) loaded: {} rules, {} services{}", ruleSet.version(), ruleSet.hash().substring(0, 12),
                ruleSet.rules().size(), ruleSet.services().services().size(),
                ruleSet.precompiled() ? " (compiled when the jar was built)" : "");
        return ruleSet;
    }

    /** The one evaluator of the request path, the reload gate and the scenarios (see {@link EvaluationAssembly}). */
    @Bean
    PatientEvaluator patientEvaluator(ConceptTranslator translator, CardProperties cards, ProfileValidation validation,
                                      DatesProperties dates) {
        return EvaluationAssembly.evaluator(translator, cards, validation, dates.calendarZone());
    }

    /** A request's evaluation time, read in the evaluator's zone. */
    @Bean
    EvaluationTimes evaluationTimes(Clock clock, PatientEvaluator evaluator) {
        return new EvaluationTimes(clock, evaluator.zone());
    }

    @Bean
    HookPipeline hookPipeline(RuleSetHolder ruleSets, PrefetchResolver prefetch, PatientEvaluator evaluator,
                              EvaluationTimes evaluationTimes, ConceptTranslator translator, EvaluationGateProperties gate) {
        return new HookPipeline(ruleSets, prefetch, evaluator, evaluationTimes, new TemplateCodes(new FactMapper(translator)),
                new EvaluationGate(gate));
    }
}
