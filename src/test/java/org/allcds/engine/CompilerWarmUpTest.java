package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The compiler warm-up compiles the folder's rules from DRL: the jar's precompiled set would warm nothing. */
class CompilerWarmUpTest {

    /**
     * A compile takes the jar's precompiled set whenever it holds the source's hash ({@link RuleCompiler#compile}), so
     * the warm-up compiles from DRL exactly when the precompiled set does not answer its hash, while it does answer the
     * folder's. Shown by looking the hashes up rather than by a compile of the 156 rules.
     */
    @Test
    void source_isTheFoldersRules_compiledFromDrlEvenWhenTheJarHasThemPrecompiled() {
        RuleSetSource folder = RuleSetSource.read(Path.of("rules"));
        RuleSetSource warmUp = CompilerWarmUp.source(folder);
        assertThat(warmUp.files()).isEqualTo(folder.files());

        PrecompiledRules jar = PrecompiledRules.bundled();
        assertThat(jar.load(folder.hash())).as("the build precompiled the folder's rules").isPresent();
        assertThat(jar.load(warmUp.hash())).isEmpty();
    }
}
