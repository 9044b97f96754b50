package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.allcds.scenario.Report;
import org.allcds.scenario.ScenarioRunner;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule set precompiled at build time is served only for the rules it was built from and the fact classes it was
 * built against, and it serves exactly what compiling those rules serves: every author scenario passes on it.
 */
class PrecompiledRulesTest {

    private static final Path RULES = Path.of("rules");
    private static RuleSet compiled;
    private static List<RuleProblem> compiledProblems;
    private static byte[] serialised;

    @BeforeAll
    static void precompileTheRepositoryRules() throws IOException {
        RuleCompiler.Result result = new RuleCompiler(Clock.systemUTC(), PrecompiledRules.none())
                .compile(RuleSetSource.read(RULES));
        assertThat(result.ok()).as("%s", result.problems()).isTrue();
        compiled = result.ruleSet();
        compiledProblems = result.problems();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrecompiledRules.write(compiled.kieBase(), RuleSetSource.read(RULES).hash(), compiled.buildProblems(), out);
        serialised = out.toByteArray();
    }

    @AfterAll
    static void dispose() {
        compiled.retire();
    }

    private static RuleCompiler compilerWith(byte[] precompiled) {
        return new RuleCompiler(Clock.systemUTC(), new PrecompiledRules(() -> new ByteArrayInputStream(precompiled)));
    }

    @Test
    void theSameRules_loadPrecompiled_withTheSameCatalogue_andEveryAuthorScenarioPasses() {
        RuleCompiler.Result result = compilerWith(serialised).compile(RuleSetSource.read(RULES));

        assertThat(result.ok()).isTrue();
        RuleSet ruleSet = result.ruleSet();
        try {
            assertThat(ruleSet.precompiled()).isTrue();
            assertThat(ruleSet.releaseId()).isNull();
            assertThat(ruleSet.rules()).isEqualTo(compiled.rules());
            assertThat(ruleSet.hash()).isEqualTo(compiled.hash());
            assertThat(result.problems()).isEqualTo(compiledProblems);
            Report report = new ScenarioRunner(EvaluationAssembly.standalone()).runAll(ruleSet, RULES);
            assertThat(report.results()).isNotEmpty();
            assertThat(report.failed()).as(report.summaryLine()).isZero();
        } finally {
            ruleSet.retire();
        }
    }

    @Test
    void anEditedRuleSet_compilesFromItsFolder_andTheEditCounts(@TempDir Path dir) throws IOException {
        Path edited = copyOfRules(dir);
        Path config = edited.resolve(RuleSetSource.CONFIG_FILE);
        Files.writeString(config, Files.readString(config).replaceFirst("(?m)^version: .*$", "version: 9.9.9"));

        RuleCompiler.Result result = compilerWith(serialised).compile(RuleSetSource.read(edited));

        assertThat(result.ok()).as("%s", result.problems()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        assertThat(result.ruleSet().releaseId()).isNotNull();
        assertThat(result.ruleSet().version()).isEqualTo("9.9.9");
        result.ruleSet().retire();
    }

    @Test
    void rulesBuiltAgainstOtherFactClasses_areCompiledInstead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrecompiledRules.write(compiled.kieBase(), compiled.hash(), "0".repeat(64), List.of(), out);

        RuleCompiler.Result result = compilerWith(out.toByteArray()).compile(RuleSetSource.read(RULES));

        assertThat(result.ok()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        result.ruleSet().retire();
    }

    @Test
    void anUnreadablePrecompiledSet_isCompiledInstead() {
        byte[] truncated = java.util.Arrays.copyOf(serialised, serialised.length / 2);

        RuleCompiler.Result result = compilerWith(truncated).compile(RuleSetSource.read(RULES));

        assertThat(result.ok()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        result.ruleSet().retire();
    }

    @Test
    void withoutAPrecompiledSet_theRulesCompile() {
        RuleCompiler.Result result = new RuleCompiler(Clock.systemUTC(), new PrecompiledRules(() -> null))
                .compile(RuleSetSource.read(RULES));

        assertThat(result.ok()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        result.ruleSet().retire();
    }

    private static Path copyOfRules(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(RULES)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(RULES.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        return dir;
    }
}
