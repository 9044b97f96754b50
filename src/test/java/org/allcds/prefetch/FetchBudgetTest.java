package org.allcds.prefetch;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fetch budget under concurrent requests, in bytes small enough to count: requests that each fit the per-request
 * bound are all served, in the order they began, and never hold more than the in-flight bound together; a charge that
 * fails counts nothing. Threads meet on latches and futures; a hang fails the test at its timeout.
 */
@Timeout(value = 30, unit = SECONDS)
class FetchBudgetTest {

    private static final String NO_ROOM = "the FHIR data being fetched for all requests left no room within 8 bytes"
            + " (allcds.fhir.max-fetched-bytes-in-flight) before the fetch deadline";

    /** The default budgets scaled down: 5 bytes per request, 8 in flight. */
    private final FetchBudget budget = new FetchBudget(5, 8);
    private final ExecutorService fetchThreads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        fetchThreads.shutdownNow();
    }

    /**
     * Two requests each near the per-request bound, together past the in-flight one: refusing the charge that passed
     * it made both 412s. The younger waits for the older's bytes instead, and both are served.
     */
    @Test
    void twoCallsThatEachFitAlone_areBothServed_theYoungerWaitingForTheOlder() throws Exception {
        FetchBudget.Call older = call(budget);
        FetchBudget.Call younger = call(budget);
        older.charge(4);
        Future<?> youngerReads = fetchThreads.submit(() -> {
            younger.charge(4);
            younger.charge(1);
            return null;
        });
        awaitWaiting(1, youngerReads);

        older.charge(1);
        assertThat(budget.held()).isEqualTo(5);
        assertThat(youngerReads).isNotDone();
        older.release();

        youngerReads.get(10, SECONDS);
        assertThat(budget.held()).isEqualTo(5);
        handBack(younger);
    }

    /**
     * Eight requests at once, each reading 49 of its 50 bytes while only 80 may be held: each is served once those
     * before it have ended (none is refused, none starves), and the bytes held never pass 80. Waiting without an order
     * would deadlock here, every request holding part of the 80 and waiting for more.
     */
    @Test
    void manyCallsAtOnce_areServedInTheOrderTheyBegan_neverHoldingMoreThanTheBound() throws Exception {
        FetchBudget roomy = new FetchBudget(50, 80);
        List<FetchBudget.Call> calls = IntStream.range(0, 8).mapToObj(i -> call(roomy)).toList();
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        AtomicLong mostHeld = new AtomicLong();
        List<Future<?>> reads = new ArrayList<>();
        for (int i = calls.size() - 1; i >= 0; i--) {
            int index = i;
            FetchBudget.Call call = calls.get(i);
            reads.add(fetchThreads.submit(() -> {
                start.await();
                for (int read = 0; read < 49; read += 7) {
                    call.charge(7);
                    mostHeld.accumulateAndGet(roomy.held(), Math::max);
                }
                served.add(index);
                call.release();
                return null;
            }));
        }
        start.countDown();

        for (Future<?> read : reads) {
            read.get(10, SECONDS);
        }
        assertThat(served).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(mostHeld.get()).isLessThanOrEqualTo(80);
        assertThat(roomy.held()).isZero();
    }

    @Test
    void aChargePastTheRequestBound_failsAtOnce_andCountsNothing() throws Exception {
        FetchBudget.Call call = call(budget);
        call.charge(4);

        assertThatThrownBy(() -> call.charge(2)).isInstanceOf(BoundedBody.Exceeded.class)
                .hasMessage("the FHIR data fetched for this request exceed 5 bytes (allcds.fhir.max-fetched-bytes)");
        assertThat(budget.held()).isEqualTo(4);
        handBack(call);
    }

    /** No room before the request's deadline: refused naming the setting, counting nothing, the others unharmed. */
    @Test
    void aCallWithNoRoomByItsDeadline_isRefusedNamingTheSetting_andCountsNothing() throws Exception {
        FetchBudget.Call older = call(budget);
        FetchBudget.Call younger = budget.newCall(System.nanoTime() + MILLISECONDS.toNanos(20));
        older.charge(5);
        younger.charge(3);

        assertThatThrownBy(() -> younger.charge(1)).isInstanceOf(BoundedBody.Exceeded.class).hasMessage(NO_ROOM);
        assertThat(budget.held()).isEqualTo(8);
        assertThat(younger.noRoomReason()).isEqualTo(NO_ROOM);
        assertThat(older.noRoomReason()).isNull();
        handBack(older, younger);
    }

    /**
     * A request whose deadline passes, or whose other key fails, is released while its fetches wait: they stop at
     * once, and a fetch thread interrupted (its future cancelled) stops too. Every byte comes back.
     */
    @Test
    void callsReleasedOrInterruptedWhileWaiting_stopAtOnce_andHandEverythingBack() throws Exception {
        FetchBudget.Call older = call(budget);
        FetchBudget.Call released = call(budget);
        older.charge(5);
        released.charge(3);
        List<Future<?>> keys = List.of(fetchThreads.submit(() -> charge(released, 1)),
                fetchThreads.submit(() -> charge(released, 1)));
        awaitWaiting(2, keys.toArray(Future[]::new));

        released.release();
        for (Future<?> key : keys) {
            assertThatThrownBy(() -> key.get(10, SECONDS)).cause().isInstanceOf(BoundedBody.Exceeded.class)
                    .hasMessage("the request stopped waiting for its fetches");
        }
        assertThat(released.noRoomReason()).isEqualTo(NO_ROOM);
        assertThat(budget.held()).isEqualTo(5);

        FetchBudget.Call interrupted = call(budget);
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread fetch = new Thread(() -> {
            try {
                interrupted.charge(4);
                stillInterrupted.completeExceptionally(new AssertionError("charged without room"));
            } catch (BoundedBody.Exceeded e) {
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            }
        });
        fetch.setDaemon(true);
        fetch.start();
        awaitWaiting(1, stillInterrupted);
        fetch.interrupt();
        assertThat(stillInterrupted.get(10, SECONDS)).isTrue();
        assertThat(budget.waiting()).isZero();

        handBack(older, interrupted);
    }

    private static FetchBudget.Call call(FetchBudget budget) {
        return budget.newCall(System.nanoTime() + SECONDS.toNanos(30));
    }

    /** Releases the calls, as their requests end; then nothing is held. */
    private void handBack(FetchBudget.Call... calls) {
        for (FetchBudget.Call call : calls) {
            call.release();
        }
        assertThat(budget.held()).isZero();
    }

    private static Void charge(FetchBudget.Call call, long bytes) throws BoundedBody.Exceeded {
        call.charge(bytes);
        return null;
    }

    /**
     * Until {@code count} charges wait for room (a state no latch can report from inside the budget), or one of the
     * {@code charging} ended without waiting, which the assertions that follow then report.
     */
    private void awaitWaiting(int count, Future<?>... charging) {
        awaitUntil(count + " charges waiting for room",
                () -> budget.waiting() == count || Stream.of(charging).anyMatch(Future::isDone));
    }

    private static void awaitUntil(String what, BooleanSupplier reached) {
        long until = System.nanoTime() + SECONDS.toNanos(10);
        while (!reached.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(until);
            Thread.yield();
        }
    }
}
