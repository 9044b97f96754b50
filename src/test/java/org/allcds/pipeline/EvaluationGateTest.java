package org.allcds.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.allcds.errors.ServiceBusyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CPU bulkhead: never more than its permits inside, a wait that ends in a 503 with Retry-After, and a permit
 * handed back while the call waits for fetches.
 */
class EvaluationGateTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void call_moreCallersThanPermits_neverMoreThanThePermitsInside_andEveryCallRuns() throws Exception {
        int permits = 2;
        EvaluationGate gate = new EvaluationGate(permits, LONG, Duration.ofSeconds(1));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch open = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < permits + 3; i++) {
            int id = i;
            calls.add(callers.submit(() -> gate.call(permit -> {
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                await(open);
                inside.decrementAndGet();
                return id;
            })));
        }
        waitUntil(() -> inside.get() == permits);
        Thread.sleep(100); // time for a wrongly admitted third caller to get inside
        assertThat(inside.get()).isEqualTo(permits);
        assertThat(gate.available()).isZero();

        open.countDown();
        for (Future<Integer> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        assertThat(mostInside.get()).isEqualTo(permits);
        assertThat(gate.available()).isEqualTo(permits);
    }

    @Test
    void call_noPermitFreeWithinTheWait_is503WithRetryAfter_andHoldsNothing() throws Exception {
        EvaluationGate gate = new EvaluationGate(1, Duration.ofMillis(50), Duration.ofSeconds(3));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        Future<?> holder = callers.submit(() -> gate.call(permit -> {
            entered.countDown();
            await(open);
            return null;
        }));
        await(entered);

        assertThatThrownBy(() -> gate.call(permit -> "evaluated"))
                .isInstanceOfSatisfying(ServiceBusyException.class, busy -> {
                    assertThat(busy.status()).isEqualTo(503);
                    assertThat(busy.retryAfterSeconds()).isEqualTo(3);
                    assertThat(busy.toOperationOutcome().issue().get(0).code()).isEqualTo("transient");
                });
        open.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void during_handsThePermitBackForTheWait_andTakesItAgainAfter() throws Exception {
        EvaluationGate gate = new EvaluationGate(1, Duration.ofMillis(200), Duration.ofSeconds(1));
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch fetched = new CountDownLatch(1);
        Future<Integer> fetching = callers.submit(() -> gate.call(permit -> {
            String data = permit.during(() -> {
                waiting.countDown();
                await(fetched);
                return "fetched";
            });
            return gate.available() + data.length();
        }));
        await(waiting);

        // Another call evaluates while the first waits for its FHIR server, within a wait far shorter than that.
        String evaluated = gate.call(permit -> "evaluated");
        assertThat(evaluated).isEqualTo("evaluated");
        fetched.countDown();
        assertThat(fetching.get(10, TimeUnit.SECONDS)).as("no permit free while the first call evaluates again")
                .isEqualTo("fetched".length());
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void during_whenTheWaitFails_releasesOnlyOnce() {
        EvaluationGate gate = new EvaluationGate(2, LONG, Duration.ofSeconds(1));

        assertThatThrownBy(() -> gate.call(permit -> permit.during(() -> {
            throw new IllegalStateException("fetch failed");
        }))).hasMessage("fetch failed");
        assertThat(gate.available()).isEqualTo(2);
    }

    @Test
    void permits_unset_areOnePerAvailableProcessor() {
        EvaluationGateProperties unset = new EvaluationGateProperties(null, LONG, Duration.ofSeconds(1));
        EvaluationGateProperties three = new EvaluationGateProperties(3, LONG, Duration.ofSeconds(1));

        assertThat(new EvaluationGate(unset).size()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new EvaluationGate(three).available()).isEqualTo(3);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }

    /** What the background warm-up asks before each call: idle only while no call is inside or waiting. */
    @Test
    void idle_onlyWhileNoCallIsInside() {
        EvaluationGate gate = new EvaluationGate(2, LONG, Duration.ofSeconds(1));
        assertThat(gate.idle()).isTrue();

        boolean inside = gate.call(permit -> gate.idle());

        assertThat(inside).isFalse();
        assertThat(gate.idle()).isTrue();
    }
}
