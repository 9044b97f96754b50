package org.allcds.prefetch;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.errors.PrefetchUnavailableException;
import org.allcds.fixtures.CapturedLog;
import org.allcds.hooks.CdsRequest;
import org.allcds.metrics.AllCdsMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.util.unit.DataSize;

/**
 * The fetch budget under concurrent requests, in bytes small enough to count: requests that each fit the per-request
 * bound are all served, in the order they began, and never hold more than the in-flight bound together; a charge that
 * fails counts nothing. Threads meet on latches and futures; a hang fails the test at its timeout.
 */
@Timeout(value = 30, unit = SECONDS)
@ResourceLock(CapturedLog.FETCHER_LOG)
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

    /**
     * The same over HTTP, under the default budgets (5 MB per request, 8 MB in flight): two requests fetching a 4.9 MB
     * page each from a FHIR server at the same moment. Each fits alone; together they do not.
     */
    @Nested
    class OverHttp {

        private static final FhirContext FHIR = FhirContext.forR4Cached();
        private static final ServiceDefinition SERVICE = new ServiceDefinition("ped-all-risk", "patient-view",
                "ALL risk", "Risk group", null, Map.of("observations", "Observation?patient={{context.patientId}}"),
                List.of("risk"));
        /** Just below the default per-request budget: one page of about 5,000 Observations. */
        private static final long PAGE_BYTES = DataSize.ofKilobytes(4900).toBytes();
        private static final int PAGE_RESOURCES = 5_000;
        /**
         * The third request's deadline: long enough that its fetch has started on a loaded machine (a fetch still queued
         * at the deadline is reported as waiting for a fetch thread; 500 ms once was not), short beside the oldest's pause.
         */
        private static final Duration HURRIED = Duration.ofSeconds(2);
        /** Larger than what is left for the third request: its first reads find no room. */
        private static final long SMALL_PAGE_BYTES = 100_000;

        private HostileFhirServer fhir;
        private FhirFetcher fetcher;

        @BeforeEach
        void start() throws IOException {
            fhir = new HostileFhirServer();
            fetcher = new FhirFetcher(FHIR, properties(Duration.ofSeconds(30)),
                    new FhirServerAllowlist(properties(Duration.ofSeconds(30))));
        }

        @AfterEach
        void stop() throws IOException {
            fetcher.close();
            fhir.close();
        }

        /** Refusing the read that passed 8 MB made both 412s; the younger waits for the older's bytes instead. */
        @Test
        void twoLargeRequestsAtOnce_areBothServed() throws Exception {
            CountDownLatch bothAsked = new CountDownLatch(2);
            HostileFhirServer.Behaviour page = HostileFhirServer.huge(PAGE_BYTES, false);
            fhir.behave(exchange -> {
                bothAsked.countDown();
                bothAsked.await();
                page.answer(exchange);
            });
            try (PrefetchResolver resolver = resolver(Duration.ofSeconds(30))) {
                List<Future<Integer>> requests = List.of(
                        fetchThreads.submit(() -> resolver.resolve(SERVICE, request("p1")).resources().size()),
                        fetchThreads.submit(() -> resolver.resolve(SERVICE, request("p2")).resources().size()));
                for (Future<Integer> served : requests) {
                    assertThat(served.get(20, SECONDS)).isCloseTo(PAGE_RESOURCES, within(100));
                }
            }
            assertThat(fetcher.bytesHeld()).isZero();
        }

        /**
         * The oldest request's server pauses in the middle of its page. The second reads what leaves the oldest room for
         * all of its 5 MB, 3 MB, and waits; the third finds no room at all, and at its deadline it is a 412 naming the
         * key and the in-flight setting. Once the oldest's server goes on, the oldest is served, then the second.
         */
        @Test
        void noRoomBeforeTheDeadline_isA412NamingTheSetting_theOthersAreServedInTurn() throws Exception {
            CountDownLatch oldestAsked = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            Map<String, HostileFhirServer.Behaviour> pages = Map.of(
                    "patient=p1", HostileFhirServer.pausing(HostileFhirServer.huge(SMALL_PAGE_BYTES, false), 10_000,
                            resume),
                    "patient=p2", HostileFhirServer.huge(PAGE_BYTES, false),
                    "patient=p3", HostileFhirServer.huge(SMALL_PAGE_BYTES, false));
            fhir.behave(exchange -> {
                String patient = exchange.getRequestURI().getRawQuery();
                if (patient.equals("patient=p1")) {
                    oldestAsked.countDown();
                }
                pages.get(patient).answer(exchange);
            });
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (PrefetchResolver unhurried = resolver(Duration.ofSeconds(30));
                 PrefetchResolver hurried = new PrefetchResolver(FHIR, new FhirServerAllowlist(properties(
                         HURRIED)), fetcher, properties(HURRIED), new AllCdsMetrics(registry))) {
                Future<Integer> oldest = fetchThreads.submit(() -> unhurried.resolve(SERVICE, request("p1"))
                        .resources().size());
                assertThat(oldestAsked.await(10, SECONDS)).isTrue();
                Future<Integer> second = fetchThreads.submit(() -> unhurried.resolve(SERVICE, request("p2"))
                        .resources().size());
                awaitUntil("the second request holds its 3 MB",
                        () -> fetcher.bytesHeld() > DataSize.ofMegabytes(3).toBytes() - 65_536 || second.isDone());

                assertThatThrownBy(() -> hurried.resolve(SERVICE, request("p3")))
                        .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                                .isEqualTo("Prefetch key 'observations' could not be fetched: the FHIR data being"
                                        + " fetched for all requests left no room within 8388608 bytes"
                                        + " (allcds.fhir.max-fetched-bytes-in-flight) before the fetch deadline."));
                assertThat(registry.get("allcds.prefetch.fetches").tags("key", "observations", "outcome", "no-room")
                        .timer().count()).as("counted apart from a slow server").isEqualTo(1);
                assertThat(second).isNotDone();
                resume.countDown();
                assertThat(oldest.get(20, SECONDS)).isPositive();
                assertThat(second.get(20, SECONDS)).isCloseTo(PAGE_RESOURCES, within(100));
            } finally {
                resume.countDown();
            }
            assertThat(fetcher.bytesHeld()).isZero();
        }

        private PrefetchResolver resolver(Duration deadline) {
            return new PrefetchResolver(FHIR, new FhirServerAllowlist(properties(deadline)), fetcher,
                    properties(deadline));
        }

        /** The default budgets and response size; the allowlist and the deadline are the test's. */
        private FhirClientProperties properties(Duration deadline) {
            return new FhirClientProperties(List.of(fhir.base()), Duration.ofSeconds(30), 10, false, 4, deadline,
                    FhirClientProperties.DEFAULT_MAX_RESPONSE, 100);
        }

        private CdsRequest request(String patientId) {
            return Requests.request(fhir.base(), "T", "{\"patientId\": \"" + patientId + "\"}", "{}");
        }
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
