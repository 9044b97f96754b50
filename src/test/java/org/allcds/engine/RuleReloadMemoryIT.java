package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.allcds.fixtures.RetainedHeap;
import org.allcds.fixtures.RuleFolders;
import org.allcds.scenario.ScenarioGate;
import org.allcds.scenario.ScenarioRunner;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;

/**
 * No leak across reloads: after 30 gated reloads alternating between two rule sets, the heap retained (used heap after
 * forced GCs) is within 6 MB of what it was after the first, and no retired KieModule is left in the JVM-wide
 * KieRepository. The two sets differ in their DRL as well as their configuration, so that every reload compiles (an edit
 * of the configuration alone reuses the last build). Prints the measured figures (reported in rules/README.md).
 */
class RuleReloadMemoryIT {

    static final int RELOADS = 30;
    /**
     * 0.2 MB per reload: a retired fixture rule set kept alive retains about 0.43 MB, so keeping every one of them fails
     * with twice the margin, while the measurement varies by tenths of a megabyte.
     */
    static final long LIMIT_BYTES = 6L * 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void thirtyReloads_retainNoMoreThan6MbOverOne_andLeaveNoKieModuleBehind() throws Exception {
        Path rules = RuleFolders.copy(root);
        String configA = RuleFolders.read(rules.resolve("config.yaml"));
        String configB = configA.replace("version: 1.0.0", "version: 1.0.1");
        String drlA = RuleFolders.read(rules.resolve("risk/nci-risk.drl"));
        String drlB = drlA + "\n// the second rule set\n";
        RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());
        RuleSetHolder holder = new RuleSetHolder(compiler.compile(RuleSetSource.read(rules)).ruleSet());
        List<ReleaseId> retired = new ArrayList<>();
        long afterOne = 0;
        try (RuleReloader reloader = new RuleReloader(rules, holder, EvaluationAssembly.ruleSetCheck(compiler),
                new ScenarioGate(new ScenarioRunner(EvaluationAssembly.standalone())), Clock.systemUTC())) {
            for (int i = 1; i <= RELOADS; i++) {
                retired.add(holder.current().releaseId());
                RuleFolders.write(rules.resolve("config.yaml"), i % 2 == 1 ? configB : configA);
                RuleFolders.write(rules.resolve("risk/nci-risk.drl"), i % 2 == 1 ? drlB : drlA);
                assertThat(reloader.reload("memory-test").outcome()).isEqualTo(ReloadAttempt.Outcome.LOADED);
                if (i == 1) {
                    afterOne = RetainedHeap.bytes();
                }
            }
            long afterAll = RetainedHeap.bytes();
            long growth = afterAll - afterOne;
            System.out.printf("Retained heap after 1 reload: %.1f MB; after %d: %.1f MB; growth %.1f MB%n",
                    RetainedHeap.mb(afterOne), RELOADS, RetainedHeap.mb(afterAll), RetainedHeap.mb(growth));
            assertThat(growth).isLessThan(LIMIT_BYTES);
            assertThat(retired).noneMatch(id -> KieServices.Factory.get().getRepository().getKieModule(id) != null);
        } finally {
            holder.current().retire();
        }
    }
}
