package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.allcds.fixtures.CapturedLog;
import org.allcds.fixtures.RuleFolders;
import org.allcds.scenario.ScenarioGate;
import org.allcds.scenario.ScenarioRunner;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;

/** The reload gate without Spring: what loads, what is refused and why, and when the old KieModule goes away. */
class RuleReloaderTest {

    @TempDir
    Path root;

    private Path rules;
    private RuleSetHolder holder;
    private RuleReloader reloader;

    @BeforeEach
    void start() {
        rules = RuleFolders.copy(root);
        RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());
        holder = new RuleSetHolder(compiler.compile(RuleSetSource.read(rules)).ruleSet());
        reloader = new RuleReloader(rules, holder, EvaluationAssembly.ruleSetCheck(compiler),
                new ScenarioGate(new ScenarioRunner(EvaluationAssembly.standalone())),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        reloader.close();
        holder.current().retire();
    }

    private static boolean inRepository(ReleaseId id) {
        return KieServices.Factory.get().getRepository().getKieModule(id) != null;
    }

    @Test
    void reload_validEdit_swapsAndDisposesTheOldSetWhenItsLastRequestEnds() {
        RuleSet old = holder.current();
        RuleFolders.edit(rules.resolve("config.yaml"), "version: 1.0.0", "version: 1.0.1");
        holder.withRuleSet(inFlight -> {
            // A request holds the old set while the reload swaps: it must finish on a live set.
            assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.LOADED);
            assertThat(holder.current().version()).isEqualTo("1.0.1");
            assertThat(inRepository(inFlight.releaseId())).isTrue();
            return null;
        });
        assertThat(inRepository(old.releaseId())).isFalse();
        assertThat(inRepository(holder.current().releaseId())).isTrue();
        assertThat(reloader.lastFailure()).isNull();
    }

    /**
     * An edit of config.yaml alone reuses the last reload's KieBase (a KieBase depends on the DRL alone), the new values
     * are what the gate and the rules then see, and the shared KieModule goes once no rule set and no reloader holds it.
     */
    @Test
    void reload_configOnlyEdit_reusesTheCompiledRules_andTheRulesSeeTheNewValues() {
        RuleFolders.edit(rules.resolve("config.yaml"), "version: 1.0.0", "version: 1.0.1");
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.LOADED);
        RuleSet compiled = holder.current();

        RuleFolders.edit(rules.resolve("config.yaml"), "version: 1.0.1", "version: 1.0.2");
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.LOADED);
        RuleSet reused = holder.current();
        assertThat(reused.version()).isEqualTo("1.0.2");
        assertThat(reused.hash()).isNotEqualTo(compiled.hash());
        assertThat(reused.releaseId()).as("the same KieModule, not a new compile").isEqualTo(compiled.releaseId());
        assertThat(inRepository(compiled.releaseId())).as("still serving through the new set").isTrue();

        // Worked example A (4 years old) is NCI standard risk at the catalogue's 10-year cut-off; at 2 years it is high
        // risk, so its scenario fails: the reused rules evaluated the edited value, and the reload is refused.
        RuleFolders.edit(rules.resolve("config.yaml"), "nciHighRiskAgeYears: 10", "nciHighRiskAgeYears: 2");
        ReloadAttempt refused = reloader.reload("test");
        assertThat(refused.outcome()).isEqualTo(ReloadAttempt.Outcome.REFUSED);
        assertThat(refused.failedScenarios()).isNotEmpty();
        assertThat(holder.current()).isSameAs(reused);

        // A refused build is not kept: the next reload compiles, and the shared module goes with the set that held it.
        RuleFolders.edit(rules.resolve("config.yaml"), "nciHighRiskAgeYears: 2", "nciHighRiskAgeYears: 10");
        RuleFolders.edit(rules.resolve("config.yaml"), "version: 1.0.2", "version: 1.0.3");
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.LOADED);
        ReleaseId recompiled = holder.current().releaseId();
        assertThat(recompiled).isNotEqualTo(compiled.releaseId());
        assertThat(inRepository(compiled.releaseId())).isFalse();

        // A DRL edit compiles again; the module goes once neither the serving set nor the reloader holds it.
        RuleFolders.edit(rules.resolve("risk/nci-risk.drl"), "\"NCI/Rome standard risk (age", "\"NCI/Rome standard risk, edited (age");
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.LOADED);
        assertThat(holder.current().releaseId()).isNotEqualTo(recompiled);
        assertThat(inRepository(recompiled)).isFalse();
        ReleaseId last = holder.current().releaseId();
        reloader.close();
        assertThat(inRepository(last)).as("the serving set still holds it").isTrue();
        holder.current().retire();
        assertThat(inRepository(last)).isFalse();
    }

    @Test
    void warmCompiler_servesNothingNew_andAReloadAfterItPicksUpTheEdit() {
        RuleSet before = holder.current();
        reloader.warmCompiler(java.time.Duration.ZERO);
        // with or behind the warm-up: the folder is unchanged, so is the serving set
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.UNCHANGED);
        assertThat(holder.current()).isSameAs(before);

        RuleFolders.edit(rules.resolve("config.yaml"), "version: 1.0.0", "version: 1.0.1");
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.LOADED);
        assertThat(holder.current().version()).isEqualTo("1.0.1");
        assertThat(reloader.lastFailure()).isNull();
    }

    /** The warm-up runs the gate on its throw-away set too; what the gate says of that set changes nothing. */
    @Test
    void warmCompiler_runsTheGateOnItsSet_andItsVerdictIsNotActedOn() {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        RuleSetGate refusing = (candidate, folder) -> {
            checks.incrementAndGet();
            return new RuleSetGate.Verdict("0 passed, 1 failed", List.of(new RuleSetGate.Failure("tests/x.yaml", "x", "")));
        };
        RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());
        try (RuleReloader warmed = new RuleReloader(rules, holder, EvaluationAssembly.ruleSetCheck(compiler), refusing,
                Clock.systemUTC())) {
            RuleSet before = holder.current();
            warmed.warmCompiler(java.time.Duration.ZERO);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (checks.get() == 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
            // the folder is unchanged, so a reload does not run the gate
            assertThat(warmed.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.UNCHANGED);

            assertThat(checks).hasValue(1);
            assertThat(holder.current()).isSameAs(before);
            assertThat(warmed.lastFailure()).isNull();
        }
    }

    @Test
    void reload_sameContent_isUnchanged() {
        RuleSet before = holder.current();
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.UNCHANGED);
        assertThat(holder.current()).isSameAs(before);
    }

    /**
     * A scenario edited with the rules unchanged used to be "unchanged" without running, while a restart ran it and
     * refused the folder: it now runs against the serving rules, which keep serving, and its failure is reported.
     */
    @Test
    void reload_scenarioEditedAlone_runsAgainstTheServingRules_andItsFailureIsReported() {
        RuleSet before = holder.current();
        RuleFolders.edit(rules.resolve(RuleFolders.FIXTURE_SCENARIO), "value: STANDARD}", "value: HIGH}");

        ReloadAttempt attempt = reloader.reload("test");

        assertThat(attempt.outcome()).isEqualTo(ReloadAttempt.Outcome.REFUSED);
        assertThat(attempt.failedScenarios()).singleElement().satisfies(r ->
                assertThat(r.diff()).contains("expected, not produced: nci-risk NCI HIGH"));
        assertThat(holder.current()).isSameAs(before);
        assertThat(reloader.lastFailure()).isNotNull();

        RuleFolders.edit(rules.resolve(RuleFolders.FIXTURE_SCENARIO), "value: HIGH}", "value: STANDARD}");
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.UNCHANGED);
        assertThat(reloader.lastFailure()).isNull();
        assertThat(holder.current()).isSameAs(before);
    }

    @Test
    void reload_compileError_isRefusedWithFileLineAndColumn_andTheOldSetKeepsServing() {
        RuleSet before = holder.current();
        RuleFolders.edit(rules.resolve("risk/nci-risk.drl"), "AgeAtDiagnosis( years < $cfg.infantAgeYears )",
                "AgeAtDiagnosis( yeers < $cfg.infantAgeYears )");
        ReloadAttempt attempt = reloader.reload("test");
        assertThat(attempt.outcome()).isEqualTo(ReloadAttempt.Outcome.REFUSED);
        assertThat(attempt.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("risk/nci-risk.drl");
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
        });
        assertThat(holder.current()).isSameAs(before);
        assertThat(reloader.lastFailure()).isSameAs(attempt);
    }

    /** An editor that saved a rule file as Latin-1: refused at the byte, not an unexpected failure of the reload. */
    @Test
    void reload_aFileThatIsNotUtf8_isRefusedAtItsFirstBadByte_andTheOldSetKeepsServing() throws IOException {
        RuleSet before = holder.current();
        Path file = rules.resolve("risk/nci-risk.drl");
        long newlines = RuleFolders.read(file).chars().filter(c -> c == '\n').count();
        Files.write(file, "\n// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
        ReloadAttempt attempt = reloader.reload("test");
        assertThat(attempt.outcome()).isEqualTo(ReloadAttempt.Outcome.REFUSED);
        assertThat(attempt.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("risk/nci-risk.drl");
            assertThat(p.line()).isEqualTo(newlines + 2); // after the file's last line, an empty one, then this
            assertThat(p.column()).isEqualTo(7);
            assertThat(p.message()).contains("not UTF-8");
        });
        assertThat(holder.current()).isSameAs(before);
    }

    @Test
    void reload_templateWithoutAMappedCode_isRefusedNamingTheCode() {
        RuleSet before = holder.current();
        RuleFolders.edit(rules.resolve("services.yaml"), "        https://all-cds.org/fhir/CodeSystem/all-cds|relapse\"",
                "        http://loinc.org|6690-2\"");
        ReloadAttempt attempt = reloader.reload("test");
        assertThat(attempt.outcome()).isEqualTo(ReloadAttempt.Outcome.REFUSED);
        assertThat(attempt.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("services.yaml");
            assertThat(p.message()).contains("code https://all-cds.org/fhir/CodeSystem/all-cds|relapse");
        });
        assertThat(holder.current()).isSameAs(before);
    }

    @Test
    void reload_editThatBreaksAScenario_isRefusedWithTheDiff_andTheOldSetKeepsServing() {
        RuleSet before = holder.current();
        RuleFolders.edit(rules.resolve("risk/nci-risk.drl"), "Finding.of(\"nci-risk\", \"NCI\", \"STANDARD\")",
                "Finding.of(\"nci-risk\", \"NCI\", \"HIGH\")");
        ReloadAttempt attempt = reloader.reload("test");
        assertThat(attempt.outcome()).isEqualTo(ReloadAttempt.Outcome.REFUSED);
        assertThat(attempt.failedScenarios()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(RuleFolders.FIXTURE_SCENARIO);
            assertThat(r.diff()).contains("expected, not produced: nci-risk NCI STANDARD");
        });
        assertThat(holder.current()).isSameAs(before);
        assertThat(KieServices.Factory.get().getRepository().getKieModule(before.releaseId())).isNotNull();
    }

    /**
     * The log is where an author without the admin endpoint learns what to fix: the refusal line names every compile
     * error by file, line and column, and a failed scenario with its diff.
     */
    @Test
    void refusal_isLoggedWithEveryProblem_andTheScenarioDiff() {
        try (CapturedLog log = new CapturedLog(RuleReloader.class)) {
            RuleFolders.edit(rules.resolve("risk/nci-risk.drl"), "AgeAtDiagnosis( years < $cfg.infantAgeYears )",
                    "AgeAtDiagnosis( yeers < $cfg.infantAgeYears )");
            ReloadAttempt broken = reloader.reload("test");
            assertThat(broken.problems()).isNotEmpty();
            String compileLine = log.lines("refused").get(0);
            broken.problems().forEach(p -> assertThat(compileLine).contains(p.toString()));

            RuleFolders.edit(rules.resolve("risk/nci-risk.drl"), "AgeAtDiagnosis( yeers < $cfg.infantAgeYears )",
                    "AgeAtDiagnosis( years < $cfg.infantAgeYears )");
            RuleFolders.edit(rules.resolve("risk/nci-risk.drl"), "Finding.of(\"nci-risk\", \"NCI\", \"STANDARD\")",
                    "Finding.of(\"nci-risk\", \"NCI\", \"HIGH\")");
            assertThat(reloader.reload("test").refused()).isTrue();
            assertThat(log.lines("refused").get(1)).contains(RuleFolders.FIXTURE_SCENARIO,
                    "expected, not produced: nci-risk NCI STANDARD");
        }
    }

    /**
     * Undoing a refused edit brings the folder back to the serving set: the refusal no longer describes the folder, so
     * it is cleared (the status would otherwise still look broken), and one INFO line says so.
     */
    @Test
    void folderBackToTheServingSet_clearsTheRefusal_andSaysSoOnce() {
        String original = RuleFolders.read(rules.resolve("risk/nci-risk.drl"));
        RuleFolders.edit(rules.resolve("risk/nci-risk.drl"), "AgeAtDiagnosis( years < $cfg.infantAgeYears )",
                "AgeAtDiagnosis( yeers < $cfg.infantAgeYears )");
        assertThat(reloader.reload("test").refused()).isTrue();
        assertThat(reloader.lastFailure()).isNotNull();

        RuleFolders.write(rules.resolve("risk/nci-risk.drl"), original);
        try (CapturedLog log = new CapturedLog(RuleReloader.class)) {
            assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.UNCHANGED);
            assertThat(reloader.lastFailure()).isNull();
            assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.UNCHANGED);
            assertThat(log.lines("matches the serving rule set again")).hasSize(1);
        }
    }

    /** Scenarios read ahead and kept between reloads: an edited scenario still counts, and can refuse a reload. */
    @Test
    void scenariosReadAhead_anEditedScenarioIsStillTheOneTheGateRuns() throws Exception {
        RuleSet before = holder.current();
        reloader.prepareGate(java.time.Duration.ZERO);
        RuleFolders.edit(rules.resolve("config.yaml"), "version: 1.0.0", "version: 1.0.1");
        assertThat(reloader.reload("test").outcome()).isEqualTo(ReloadAttempt.Outcome.LOADED);

        RuleFolders.edit(rules.resolve(RuleFolders.FIXTURE_SCENARIO), "value: STANDARD}", "value: HIGH}");
        RuleFolders.edit(rules.resolve("config.yaml"), "version: 1.0.1", "version: 1.0.2");
        ReloadAttempt attempt = reloader.reload("test");

        assertThat(attempt.outcome()).isEqualTo(ReloadAttempt.Outcome.REFUSED);
        assertThat(attempt.failedScenarios()).singleElement().satisfies(r ->
                assertThat(r.diff()).contains("expected, not produced: nci-risk NCI HIGH"));
        assertThat(holder.current().version()).isEqualTo("1.0.1");
        assertThat(holder.current()).isNotSameAs(before);
    }
}
