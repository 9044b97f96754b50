package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.allcds.facts.ClinicalInput;
import org.allcds.fixtures.RuleFolders;
import org.allcds.scenario.Report;
import org.allcds.scenario.ScenarioRunner;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule set precompiled at build time is served only for the rules it was built from and the fact classes it was
 * built against, and it serves exactly what compiling those rules serves: every author scenario passes on it. The
 * bundled rules show the last; the small fixture rule set shows when the precompiled set is not used, at a fraction of
 * the compile time (each of those cases compiles its folder).
 */
class PrecompiledRulesTest {

    private static final Path RULES = Path.of("rules");
    private static final Path FIXTURE = RuleFolders.FIXTURE;
    private static RuleSet compiled;
    private static List<RuleProblem> compiledProblems;
    private static byte[] serialised;
    private static RuleSet fixtureCompiled;
    private static byte[] fixtureSerialised;

    @BeforeAll
    static void precompileTheRepositoryAndFixtureRules() throws IOException {
        RuleCompiler.Result result = compileWithoutPrecompiled(RULES);
        compiled = result.ruleSet();
        compiledProblems = result.problems();
        serialised = serialise(compiled, RULES);
        fixtureCompiled = compileWithoutPrecompiled(FIXTURE).ruleSet();
        fixtureSerialised = serialise(fixtureCompiled, FIXTURE);
    }

    private static RuleCompiler.Result compileWithoutPrecompiled(Path folder) {
        RuleCompiler.Result result = new RuleCompiler(Clock.systemUTC(), PrecompiledRules.none())
                .compile(RuleSetSource.read(folder));
        assertThat(result.ok()).as("%s", result.problems()).isTrue();
        return result;
    }

    /** What the build writes into the jar for {@code folder}. */
    private static byte[] serialise(RuleSet ruleSet, Path folder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrecompiledRules.write(ruleSet.kieBase(), RuleSetSource.read(folder).hash(), ruleSet.buildProblems(), out);
        return out.toByteArray();
    }

    @AfterAll
    static void dispose() {
        compiled.retire();
        fixtureCompiled.retire();
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
    void theSameFixtureRules_loadPrecompiled() {
        RuleCompiler.Result result = compilerWith(fixtureSerialised).compile(RuleSetSource.read(FIXTURE));

        assertThat(result.ok()).isTrue();
        assertThat(result.ruleSet().precompiled()).as("the cases below would pass for the wrong reason").isTrue();
        result.ruleSet().retire();
    }

    @Test
    void anEditedRuleSet_compilesFromItsFolder_andTheEditCounts(@TempDir Path dir) throws IOException {
        Path edited = RuleFolders.copy(dir);
        Path config = edited.resolve(RuleSetSource.CONFIG_FILE);
        Files.writeString(config, Files.readString(config).replaceFirst("(?m)^version: .*$", "version: 9.9.9"));

        RuleCompiler.Result result = compilerWith(fixtureSerialised).compile(RuleSetSource.read(edited));

        assertThat(result.ok()).as("%s", result.problems()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        assertThat(result.ruleSet().releaseId()).isNotNull();
        assertThat(result.ruleSet().version()).isEqualTo("9.9.9");
        result.ruleSet().retire();
    }

    @Test
    void rulesBuiltAgainstOtherFactClasses_areCompiledInstead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrecompiledRules.write(fixtureCompiled.kieBase(), fixtureCompiled.hash(), "0".repeat(64), List.of(), out);

        RuleCompiler.Result result = compilerWith(out.toByteArray()).compile(RuleSetSource.read(FIXTURE));

        assertThat(result.ok()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        result.ruleSet().retire();
    }

    /**
     * The tests of {@code org.allcds.facts} share the package from another class-path root; counted in the digest, they
     * made every test JVM compile the bundled rules instead of loading the jar's build of them.
     */
    @Test
    void theCodeDigest_coversTheApplicationsFactClasses_notSamePackageClassesOfAnotherRoot(@TempDir Path dir) throws Exception {
        Path application = Path.of(ClinicalInput.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path other = dir.resolve("other");
        Files.createDirectories(other.resolve("org/allcds/facts"));
        Files.write(other.resolve("org/allcds/facts/SomeTest.class"), new byte[] {1, 2, 3});
        Path changed = dir.resolve("changed");
        try (var facts = Files.walk(application.resolve("org/allcds/facts"))) {
            for (Path from : facts.filter(Files::isRegularFile).toList()) {
                Path to = changed.resolve(application.relativize(from).toString());
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
            }
        }
        Path oneFact = changed.resolve("org/allcds/facts/" + ClinicalInput.class.getSimpleName() + ".class");
        Files.write(oneFact, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);

        String alone = digestOf(application);
        assertThat(digestOf(other, application)).as("another root's class of the package").isEqualTo(alone);
        assertThat(digestOf(changed)).as("a fact class changed").isNotEqualTo(alone);
    }

    private static String digestOf(Path... roots) throws IOException {
        java.net.URL[] urls = new java.net.URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls, null)) {
            return PrecompiledRules.codeDigest(loader);
        }
    }

    @Test
    void anUnreadablePrecompiledSet_isCompiledInstead() {
        byte[] truncated = java.util.Arrays.copyOf(fixtureSerialised, fixtureSerialised.length / 2);

        RuleCompiler.Result result = compilerWith(truncated).compile(RuleSetSource.read(FIXTURE));

        assertThat(result.ok()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        result.ruleSet().retire();
    }

    @Test
    void withoutAPrecompiledSet_theRulesCompile() {
        RuleCompiler.Result result = new RuleCompiler(Clock.systemUTC(), new PrecompiledRules(() -> null))
                .compile(RuleSetSource.read(FIXTURE));

        assertThat(result.ok()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        result.ruleSet().retire();
    }
}
