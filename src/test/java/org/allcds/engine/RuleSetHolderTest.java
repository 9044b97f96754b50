package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allcds.facts.AgeAtDiagnosis;
import org.allcds.facts.EvaluationTime;
import org.allcds.fixtures.RuleFolders;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The serving rule set's lifecycle: the first set still compiling, a retire called twice, a set retired with nothing to
 * replace it, shutdown, and swaps while many requests evaluate. Built on the small fixture rule set, which compiles in
 * a fraction of the bundled one's time.
 */
class RuleSetHolderTest {

    private static final RuleCompiler COMPILER = new RuleCompiler(Clock.systemUTC());
    /** Hang guard only: a spinning or deadlocked holder fails here instead of blocking the build. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private static RuleSet compileFixture() {
        RuleCompiler.Result result = COMPILER.compile(RuleSetSource.read(RuleFolders.FIXTURE));
        assertThat(result.ok()).as("fixture compiles: %s", result.problems()).isTrue();
        return result.ruleSet();
    }

    @Test
    void aFirstSetThatDoesNotLoadIsTheCallersFailure() {
        CompletableFuture<RuleSet> first = new CompletableFuture<>();
        RuleSetHolder holder = RuleSetHolder.loading(first);
        first.completeExceptionally(new RuleSetException("The rule set does not load:", List.of()));

        assertThatThrownBy(holder::current).isInstanceOf(RuleSetException.class).hasMessageContaining("does not load");
        assertThatThrownBy(() -> holder.withRuleSet(set -> set)).isInstanceOf(RuleSetException.class);
    }

    @Nested
    class Retire {

        @Test
        void retireTwice_doesNotDisposeASetARequestStillHolds() {
            RuleSet set = compileFixture();
            RuleSetHolder holder = new RuleSetHolder(set);
            holder.withRuleSet(held -> {
                held.retire();
                held.retire(); // before: the second call dropped the request's own lease and disposed the set under it
                assertThat(held.isDisposed()).isFalse();
                return null;
            });
            assertThat(set.isDisposed()).isTrue();
        }

        @Test
        void withRuleSet_onARetiredSetNobodyReplaced_failsInsteadOfSpinning() {
            RuleSet set = compileFixture();
            RuleSetHolder holder = new RuleSetHolder(set);
            set.retire();

            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> holder.withRuleSet(RuleSet::version))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("retired"));
        }

        @Test
        void close_disposesTheServingSet_andLaterCallsFailAtOnce() {
            RuleSet set = compileFixture();
            RuleSetHolder holder = new RuleSetHolder(set);
            holder.close();
            holder.close();

            assertThat(set.isDisposed()).isTrue();
            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> holder.withRuleSet(RuleSet::version))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("shutting down"));
        }

        @Test
        void close_whileTheFirstSetCompiles_disposesItWhenItArrives() {
            CompletableFuture<RuleSet> first = new CompletableFuture<>();
            RuleSetHolder holder = RuleSetHolder.loading(first);
            holder.close();
            RuleSet set = compileFixture();
            first.complete(set);

            assertThat(set.isDisposed()).isTrue();
        }
    }

    @Nested
    class UnderConcurrency {

        private static final int THREADS = 8;
        private static final int SWAPS = 4;

        @Test
        void swapsWhileManyThreadsEvaluate_everyEvaluationSucceedsOnALiveSet_andEveryOldSetIsDisposed() throws Exception {
            List<RuleSet> sets = new ArrayList<>();
            for (int i = 0; i <= SWAPS; i++) {
                sets.add(compileFixture());
            }
            RuleSetHolder holder = new RuleSetHolder(sets.get(0));
            RuleEvaluator evaluator = new RuleEvaluator();
            List<Object> facts = List.of(new AgeAtDiagnosis(5, 60), new EvaluationTime(LocalDate.of(2026, 1, 1), "2026-01-01"));
            AtomicBoolean swapping = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch started = new CountDownLatch(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> {
                        started.countDown();
                        int evaluations = 0;
                        while (swapping.get() || evaluations == 0) {
                            try {
                                holder.withRuleSet(set -> {
                                    assertThat(set.isDisposed()).isFalse();
                                    return evaluator.evaluate(set, Set.of("org.allcds.rules.risk"), facts);
                                });
                                evaluations++;
                            } catch (Throwable e) {
                                failures.add(e);
                                return evaluations;
                            }
                        }
                        return evaluations;
                    }));
                }
                assertTimeoutPreemptively(HANG, () -> {
                    started.await();
                    for (int i = 1; i <= SWAPS; i++) {
                        Thread.sleep(20); // let evaluations overlap each swap
                        holder.swap(sets.get(i));
                    }
                    swapping.set(false);
                    for (Future<Integer> worker : workers) {
                        assertThat(worker.get()).isPositive();
                    }
                });
            } finally {
                swapping.set(false);
                pool.shutdownNow();
            }

            assertThat(failures).isEmpty();
            assertThat(sets.subList(0, SWAPS)).allMatch(RuleSet::isDisposed);
            assertThat(holder.current()).isSameAs(sets.get(SWAPS));
            holder.close();
            assertThat(sets.get(SWAPS).isDisposed()).isTrue();
        }
    }
}
