package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.allcds.authoring.AuthoringCli;
import org.allcds.engine.ReloadAttempt;
import org.allcds.engine.RuleCompiler;
import org.allcds.engine.RuleReloader;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetException;
import org.allcds.engine.RuleSetHolder;
import org.allcds.engine.RuleSetSource;
import org.allcds.fixtures.RuleFolders;
import org.allcds.scenario.ScenarioGate;
import org.allcds.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up, reload and {@code lint} run the same checks on a rule folder, template checks included: a prefetch template
 * that no longer asks for a code the mapping reads stops the start, is refused by the reload and fails lint, each
 * naming the code.
 */
class RuleFolderCheckPathsTest {

    private static final String CODE = "https://all-cds.org/fhir/CodeSystem/all-cds|relapse";

    @Test
    void aTemplateMissingAMappedCode_isRefusedByStartUp_reload_andLint(@TempDir Path root) {
        Path good = RuleFolders.copy(root.resolve("good"));
        Path bad = RuleFolders.copy(root.resolve("bad"));
        RuleFolders.edit(bad.resolve("services.yaml"), "        " + CODE + "\"", "        http://loinc.org|6690-2\"");

        // start-up: the holder's first set never loads
        AllCdsConfig config = new AllCdsConfig();
        RuleSetHolder starting = config.ruleSetHolder(new RuleFolder(bad, false),
                config.ruleSetCheck(new RuleCompiler(Clock.systemUTC())));
        assertThatThrownBy(starting::current).isInstanceOf(RuleSetException.class)
                .satisfies(e -> assertThat(((RuleSetException) e).problems()).anySatisfy(
                        p -> assertThat(p.message()).contains(CODE)));

        // reload: the serving set stays
        RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());
        RuleSet serving = compiler.compile(RuleSetSource.read(good)).ruleSet();
        RuleSetHolder holder = new RuleSetHolder(serving);
        try (RuleReloader reloader = new RuleReloader(bad, holder, EvaluationAssembly.ruleSetCheck(compiler),
                new ScenarioGate(new ScenarioRunner(EvaluationAssembly.standalone())), Clock.systemUTC())) {
            ReloadAttempt attempt = reloader.reload("test");
            assertThat(attempt.refused()).isTrue();
            assertThat(attempt.problems()).anySatisfy(p -> assertThat(p.message()).contains(CODE));
            assertThat(holder.current()).isSameAs(serving);
        } finally {
            holder.close();
        }

        // lint
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = AuthoringCli.run(new String[] {"lint", bad.toString()}, print, print);
        assertThat(exit).isNotZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(CODE);
    }
}
