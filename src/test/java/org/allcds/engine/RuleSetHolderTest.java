package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A holder whose first rule set is still compiling hands out the compilation's failure, not a wrapper or a null. */
class RuleSetHolderTest {

    @Test
    void aFirstSetThatDoesNotLoadIsTheCallersFailure() {
        CompletableFuture<RuleSet> first = new CompletableFuture<>();
        RuleSetHolder holder = RuleSetHolder.loading(first);
        first.completeExceptionally(new RuleSetException("The rule set does not load:", List.of()));

        assertThatThrownBy(holder::current).isInstanceOf(RuleSetException.class).hasMessageContaining("does not load");
        assertThatThrownBy(() -> holder.withRuleSet(set -> set)).isInstanceOf(RuleSetException.class);
    }
}
