package org.allcds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.allcds.engine.RuleSet;
import org.allcds.engine.RuleSetGate;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Test;

/**
 * Which starts run the gate: an authored folder does; the rule set bundled in the jar, and a folder whose rules are the
 * bundled ones (loaded precompiled), were gated when the jar was built, and their start (readiness) does not pay again.
 */
class StartupGateTest {

    private final AtomicInteger runs = new AtomicInteger();
    private final RuleSetGate refusing = (candidate, folder) -> {
        runs.incrementAndGet();
        return new RuleSetGate.Verdict("0 passed, 1 failed",
                List.of(new RuleSetGate.Failure("tests/x.yaml", "x", "FAILED tests/x.yaml (x)\n  - expected, not produced: y")));
    };

    @Test
    void theBundledSet_andAFolderWithTheBundledRules_startWithoutTheGate() {
        RuleSet bundled = BundledRuleSet.get();
        AllCdsConfig.gateAtStart(bundled, new RuleFolder(Path.of("unpacked"), true), refusing);
        assertThat(runs).hasValue(0);

        // the build precompiles the bundled rules (a run without the build compiles them from DRL)
        assumeTrue(bundled.precompiled());
        AllCdsConfig.gateAtStart(bundled, new RuleFolder(RuleFolders.RULES, false), refusing);
        assertThat(runs).hasValue(0);
    }

    @Test
    void anAuthoredFolder_isGated_andARefusalNamesTheFailures() {
        RuleSet authored = RuleFolders.compile(RuleFolders.FIXTURE);
        try {
            assertThatThrownBy(() -> AllCdsConfig.gateAtStart(authored, new RuleFolder(RuleFolders.FIXTURE, false), refusing))
                    .hasMessageContaining("is refused").hasMessageContaining("FAILED tests/x.yaml (x)")
                    .hasMessageContaining("expected, not produced: y");
            assertThat(runs).hasValue(1);
        } finally {
            authored.retire();
        }
    }
}
