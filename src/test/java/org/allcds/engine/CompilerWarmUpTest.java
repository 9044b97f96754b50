package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The compiler warm-up compiles the folder's rules from DRL: the jar's precompiled set would warm nothing. */
class CompilerWarmUpTest {

    @Test
    void source_isTheFoldersRules_compiledFromDrlEvenWhenTheJarHasThemPrecompiled() {
        RuleSetSource folder = RuleSetSource.read(Path.of("rules"));
        RuleSetSource warmUp = CompilerWarmUp.source(folder);
        assertThat(warmUp.files()).isEqualTo(folder.files());

        // the jar's precompiled set is looked up by hash: the warm-up's must never be the folder's
        assertThat(warmUp.hash()).isNotEqualTo(folder.hash());
        RuleCompiler.Result result = new RuleCompiler(Clock.systemUTC()).compile(warmUp);
        assertThat(result.ok()).isTrue();
        assertThat(result.ruleSet().precompiled()).isFalse();
        result.ruleSet().retire();
    }
}
