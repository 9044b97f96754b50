package org.allcds.prefetch;

import static org.allcds.prefetch.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.errors.PrefetchUnavailableException;
import org.allcds.fixtures.CapturedLog;
import org.allcds.hooks.CdsRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/**
 * A FHIR server that misbehaves (huge, compressed-bomb, dripping, looping, redirecting, garbage and non-FHIR answers):
 * each is a 412 naming the key within the deadline, and the next healthy fetch succeeds at once. This class runs in
 * its own JVM with a small heap (the {@code bounded-heap} Surefire execution), so unbounded buffering would fail it
 * with an OutOfMemoryError.
 */
@ResourceLock(CapturedLog.FETCHER_LOG)
class FhirFetcherFaultTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /**
     * Short, because three tests wait it out: what they check (the fetch ends at the deadline, holds no thread past it,
     * does not delay a healthy server) does not depend on its length.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** The deadline plus what a busy two-core machine may add; far below the 35 s connections used to stay open. */
    private static final long MAX_ANSWER_MILLIS = DEADLINE.toMillis() + 1500;
    private static final ServiceDefinition SERVICE = new ServiceDefinition("ped-all-risk", "patient-view", "ALL risk",
            "Risk group", null, Map.of("observations", "Observation?patient={{context.patientId}}"), List.of("risk"));

    private HostileFhirServer hostile;
    private HostileFhirServer healthy;
    private PrefetchResolver resolver;

    @BeforeEach
    void start() throws IOException {
        hostile = new HostileFhirServer();
        healthy = new HostileFhirServer();
        resolver = new PrefetchResolver(FHIR, allowlist(), new FhirFetcher(FHIR, properties(), allowlist()), properties());
        warmUp();
    }

    /** The first fetch of a JVM loads the HTTP client and HAPI's parser; timings below are about the server's faults. */
    private void warmUp() {
        FhirClientProperties patient = new FhirClientProperties(List.of(healthy.base()), Duration.ofSeconds(30), 10,
                false, 4, Duration.ofSeconds(30));
        FhirServerAllowlist allowlist = new FhirServerAllowlist(patient);
        try (PrefetchResolver warm = new PrefetchResolver(FHIR, allowlist, new FhirFetcher(FHIR, patient, allowlist),
                patient)) {
            assertThat(warm.resolve(SERVICE, requestTo(healthy)).resources()).hasSize(1);
        }
    }

    @AfterEach
    void stop() {
        resolver.close();
        hostile.close();
        healthy.close();
    }

    @Test
    void heap_isTheSmallOneOfTheBoundedHeapRun() {
        // Guards the build: these tests prove bounded memory only when the JVM cannot hold the hostile bodies.
        assumeTrue(Boolean.getBoolean("allcds.bounded-heap"), "run outside the bounded-heap execution");
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(DataSize.ofMegabytes(200).toBytes());
    }

    @Test
    void fiftyMegabyteBody_isRefusedPastTheLimit() {
        hostile.behave(HostileFhirServer.huge(DataSize.ofMegabytes(50).toBytes(), false));
        assertUnavailable("larger than 1048576 bytes (allcds.fhir.max-response-bytes)");
    }

    @Test
    void fiftyMegabyteBodyAnnounced_isRefusedWithoutReadingIt() {
        hostile.behave(HostileFhirServer.huge(DataSize.ofMegabytes(50).toBytes(), true));
        assertUnavailable("larger than 1048576 bytes");
    }

    /** Closing the HTTP client's stream reads the body to its end: an endless body must be dropped, not drained. */
    @Test
    void endlessBody_isDroppedAtTheLimitAtOnce() {
        hostile.behave(HostileFhirServer.endless());
        long start = System.nanoTime();
        String tooLarge = "Prefetch key 'observations' could not be fetched: the FHIR server's response is larger than"
                + " 1048576 bytes (allcds.fhir.max-response-bytes).";
        try (CapturedLog log = new CapturedLog(FhirFetcher.class)) {
            assertThatThrownBy(() -> resolver.resolve(SERVICE, requestTo(hostile)))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class,
                            e -> assertThat(e.diagnostics()).isEqualTo(tooLarge));
            assertThat(TimeUnit.NANOSECONDS.toMillis(awaitHangUp() - start)).as("connection dropped before the deadline")
                    .isLessThan(DEADLINE.toMillis());
            // The log names the limit and the exception that decided it, not the parser that happened to wrap it
            assertThat(log.awaitLines("'observations'")).containsExactly(tooLarge + " (Exceeded)");
        }
        assertHealthyFetchIsImmediate();
    }

    /** Bodies read to their end, plain or compressed, leave their connection open for the next fetch. */
    @Test
    void completeBodies_keepTheirConnection() {
        hostile.behave(HostileFhirServer.json(HostileFhirServer.PATIENT_BUNDLE));
        for (int i = 0; i < 3; i++) {
            assertThat(resolver.resolve(SERVICE, requestTo(hostile)).resources()).hasSize(1);
        }
        hostile.behave(HostileFhirServer.gzipped(HostileFhirServer.PATIENT_BUNDLE));
        for (int i = 0; i < 3; i++) {
            assertThat(resolver.resolve(SERVICE, requestTo(hostile)).resources()).hasSize(1);
        }
        assertThat(hostile.clientPorts).hasSize(1);
    }

    /**
     * Response headers that never end (one endless line, or endless lines) are refused at their limit, not buffered: the
     * HTTP client's default has no limit, and such a response filled the heap and left the connection pool unusable.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void endlessResponseHeaders_areRefusedAtTheirLimit_andTheNextFetchSucceeds(boolean oneEndlessLine) throws IOException {
        try (EndlessHeaders raw = new EndlessHeaders(oneEndlessLine)) {
            FhirClientProperties settings = new FhirClientProperties(List.of(raw.base(), healthy.base()),
                    Duration.ofSeconds(5), 10, false, 4, DEADLINE, DataSize.ofMegabytes(1), 100);
            FhirServerAllowlist allowed = new FhirServerAllowlist(settings);
            try (PrefetchResolver fetching = new PrefetchResolver(FHIR, allowed, new FhirFetcher(FHIR, settings, allowed),
                    settings)) {
                CdsRequest request = request(raw.base(), "T", "{\"patientId\": \"p1\", \"userId\": \"Practitioner/u1\"}",
                        "{}");
                assertThatThrownBy(() -> fetching.resolve(SERVICE, request))
                        .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                                .contains("response headers are longer than 8192 bytes a line or more than 100 headers"));
                assertThat(fetching.resolve(SERVICE, requestTo(healthy)).resources()).hasSize(1);
            }
        }
    }

    /** A server that answers every request with a status line and then header bytes until the client hangs up. */
    private static final class EndlessHeaders implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());

        EndlessHeaders(boolean oneEndlessLine) throws IOException {
            Thread serving = new Thread(() -> serve(oneEndlessLine), "endless-headers");
            serving.setDaemon(true);
            serving.start();
        }

        String base() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/fhir";
        }

        private void serve(boolean oneEndlessLine) {
            byte[] chunk = ((oneEndlessLine ? "" : "X-Filler: ") + "a".repeat(1000) + (oneEndlessLine ? "" : "\r\n"))
                    .getBytes(StandardCharsets.US_ASCII);
            while (!socket.isClosed()) {
                try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                    client.getInputStream().read(new byte[8192]); // the request; its content does not matter
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\n"
                            + (oneEndlessLine ? "X-Long: " : "")).getBytes(StandardCharsets.US_ASCII));
                    for (long sent = 0; sent < DataSize.ofGigabytes(1).toBytes(); sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException hungUpOrClosed) {
                    // the client refused the headers, or the test ended
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void gzipBomb_isRefusedByTheRatio() {
        hostile.behave(HostileFhirServer.gzipBomb(DataSize.ofGigabytes(4).toBytes()));
        assertUnavailable("expands more than 100 times (allcds.fhir.max-decompression-ratio)");
    }

    @Test
    void slowDrip_isAbortedAtTheDeadlineAndTheConnectionClosed() {
        hostile.behave(HostileFhirServer.slowDrip(200));
        long start = System.nanoTime();
        assertUnavailable("timed out");
        long hangUp = awaitHangUp();
        assertThat(TimeUnit.NANOSECONDS.toMillis(hangUp - start)).as("connection closed by the deadline")
                .isLessThan(MAX_ANSWER_MILLIS);
    }

    @Test
    void nextLinkLoop_isRefused() {
        hostile.behave(HostileFhirServer.json("""
                {"resourceType": "Bundle", "type": "searchset",
                 "link": [{"relation": "next", "url": "%s/Observation?page=2"}], "entry": []}""".formatted(hostile.base())));
        assertUnavailable("loop");
    }

    @Test
    void redirect_isNotFollowed() throws IOException {
        try (HostileFhirServer elsewhere = new HostileFhirServer()) {
            hostile.behave(HostileFhirServer.status(302, "Location", elsewhere.base() + "/Observation?patient=p1"));
            assertUnavailable("redirect (HTTP 302)");
            assertThat(elsewhere.requests.get()).isZero();
        }
    }

    @Test
    void garbageBody_isUnparsable() {
        byte[] garbage = new byte[200_000];
        new Random(10).nextBytes(garbage);
        hostile.behave(HostileFhirServer.bytes("application/fhir+json", garbage));
        assertUnavailable("could not be parsed");
    }

    @Test
    void validJsonThatIsNotFhir_isNotFhir() {
        hostile.behave(HostileFhirServer.bytes("application/json",
                "{\"patients\": [{\"name\": \"x\"}], \"total\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertUnavailable("not FHIR");
        hostile.behave(HostileFhirServer.bytes("application/json", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8)));
        assertUnavailable("not FHIR");
    }

    @Test
    void extremeDecimals_areReadWithoutExpansion() {
        hostile.behave(HostileFhirServer.json("""
                {"resourceType": "Bundle", "type": "searchset", "entry": [
                  {"resource": {"resourceType": "Observation", "id": "big", "status": "final", "valueQuantity": {"value": 1e999999}}},
                  {"resource": {"resourceType": "Observation", "id": "small", "status": "final", "valueQuantity": {"value": -1e-999999}}},
                  {"resource": {"resourceType": "Observation", "id": "exact", "status": "final", "valueQuantity": {"value": 49.999999999999999}}}]}"""));

        List<Resource> resources = resolver.resolve(SERVICE, requestTo(hostile)).resources();

        assertThat(resources).hasSize(3).allSatisfy(r -> assertThat(((Observation) r).getValueQuantity()
                .getValueElement().getValueAsString()).hasSizeLessThan(20));
        assertThat(((Observation) resources.get(2)).getValueQuantity().getValueElement().getValueAsString())
                .isEqualTo("49.999999999999999");
        assertHealthyFetchIsImmediate();
    }

    /** Pages each within max-response-bytes, but more of them than one request may fetch: a 412, not a full heap. */
    @Test
    void pagesBeyondTheRequestBudget_areRefused() {
        hostile.behave(hostile.pages(DataSize.ofKilobytes(900).toBytes(), 10));
        FhirFetcher budgeted = unhurriedFetcher();
        try (PrefetchResolver patient = unhurriedResolver(budgeted); CapturedLog log = new CapturedLog(FhirFetcher.class)) {
            assertThatThrownBy(() -> patient.resolve(SERVICE, requestTo(hostile)))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> {
                        assertThat(e.diagnostics()).isEqualTo("Prefetch key 'observations' could not be fetched: the"
                                + " FHIR data fetched for this request exceed 3145728 bytes (allcds.fhir.max-fetched-bytes).");
                        assertRefusalLogged(log, e);
                    });
        }
        assertThat(budgeted.bytesHeld()).isZero();
        assertHealthyFetchIsImmediate();
    }

    /**
     * Requests that each read up to their own budget cannot together fill the heap: every one ends in a 412 naming a
     * budget, never an OutOfMemoryError, and all their bytes are handed back. Unbounded, ten pages of 900 KB for each
     * of eight requests would take gigabytes of this 128 MB heap.
     */
    @Test
    void concurrentRequestsAtTheirBudget_cannotExhaustTheHeap() throws Exception {
        hostile.behave(hostile.pages(DataSize.ofKilobytes(900).toBytes(), 10));
        FhirFetcher budgeted = unhurriedFetcher();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (PrefetchResolver patient = unhurriedResolver(budgeted)) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(clients.submit(() -> patient.resolve(SERVICE, requestTo(hostile)).resources().size()));
            }
            for (Future<Integer> call : calls) {
                assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).cause()
                        .isInstanceOf(PrefetchUnavailableException.class)
                        .hasMessageContaining("allcds.fhir.max-fetched-bytes");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(budgeted.bytesHeld()).isZero();
        assertHealthyFetchIsImmediate();
    }

    /** Budgets of 3 MB per request and 4 MB in all, and a deadline a busy machine cannot reach: a budget ends it. */
    private FhirClientProperties unhurried() {
        return new FhirClientProperties(List.of(hostile.base()), Duration.ofSeconds(30), 10, false, 4,
                Duration.ofSeconds(60), DataSize.ofMegabytes(1), 100, DataSize.ofMegabytes(3), DataSize.ofMegabytes(4));
    }

    private FhirFetcher unhurriedFetcher() {
        return new FhirFetcher(FHIR, unhurried(), new FhirServerAllowlist(unhurried()));
    }

    private PrefetchResolver unhurriedResolver(FhirFetcher budgeted) {
        return new PrefetchResolver(FHIR, new FhirServerAllowlist(unhurried()), budgeted, unhurried());
    }

    /** Four requests stuck on a slow server hold its threads only; a fifth to another server is not delayed. */
    @Test
    void fourSlowFetches_doNotDelayAFifthToAHealthyServer() throws Exception {
        hostile.behave(HostileFhirServer.slowDrip(200));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> slow = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                slow.add(clients.submit(() -> resolver.resolve(SERVICE, requestTo(hostile))));
            }
            awaitRequests(hostile, 4);

            long start = System.nanoTime();
            assertThat(resolver.resolve(SERVICE, requestTo(healthy)).resources()).hasSize(1);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(slow).allMatch(future -> !future.isDone());
            assertThat(millis).as("healthy fetch while four are stuck").isLessThan(1000);
            for (Future<?> future : slow) {
                assertThatThrownBy(future::get).hasCauseInstanceOf(PrefetchUnavailableException.class);
            }
        } finally {
            clients.shutdownNow();
        }
        // The deadline freed the slow server's threads and connections: it answers the next requests at once.
        hostile.behave(HostileFhirServer.healthy());
        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            assertThat(resolver.resolve(SERVICE, requestTo(hostile)).resources()).hasSize(1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        }
    }

    /** A 412 for {@code reason} within the deadline, which the fetcher's log names in one line. */
    private void assertUnavailable(String reason) {
        long start = System.nanoTime();
        try (CapturedLog log = new CapturedLog(FhirFetcher.class)) {
            assertThatThrownBy(() -> resolver.resolve(SERVICE, requestTo(hostile)))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> {
                        assertThat(e.prefetchKey()).isEqualTo("observations");
                        assertThat(e.diagnostics()).startsWith("Prefetch key 'observations'").contains(reason);
                        assertRefusalLogged(log, e);
                    });
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("answered within the deadline")
                .isLessThan(MAX_ANSWER_MILLIS);
        assertHealthyFetchIsImmediate();
    }

    /** One line of the fetcher's log says the refusal with its reason; the 412's diagnostics hold no patient data. */
    private static void assertRefusalLogged(CapturedLog log, PrefetchUnavailableException refusal) {
        assertThat(log.awaitLines(refusal.diagnostics())).as("the fetcher's log of '%s'", refusal.diagnostics()).hasSize(1);
    }

    private void assertHealthyFetchIsImmediate() {
        long start = System.nanoTime();
        assertThat(resolver.resolve(SERVICE, requestTo(healthy)).resources()).hasSize(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("healthy fetch right after")
                .isLessThan(1000);
    }

    private long awaitHangUp() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hostile.hangUps.isEmpty() && System.nanoTime() < until) {
            sleep(20);
        }
        assertThat(hostile.hangUps).as("the server saw the connection closed").isNotEmpty();
        return hostile.hangUps.get(0);
    }

    private static void awaitRequests(HostileFhirServer server, int count) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.requests.get() < count && System.nanoTime() < until) {
            sleep(10);
        }
        assertThat(server.requests.get()).isGreaterThanOrEqualTo(count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CdsRequest requestTo(HostileFhirServer server) {
        return request(server.base(), "T", "{\"patientId\": \"p1\", \"userId\": \"Practitioner/u1\"}", "{}");
    }

    private FhirServerAllowlist allowlist() {
        return new FhirServerAllowlist(properties());
    }

    private FhirClientProperties properties() {
        return new FhirClientProperties(List.of(hostile.base(), healthy.base()), Duration.ofSeconds(5), 10, false, 4,
                DEADLINE, DataSize.ofMegabytes(1), 100);
    }
}
