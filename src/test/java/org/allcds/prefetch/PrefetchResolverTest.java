package org.allcds.prefetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.allcds.prefetch.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.PrefetchUnavailableException;
import org.allcds.fixtures.CapturedLog;
import org.allcds.hooks.CdsRequest;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Conformance §2.4 (the prefetch decision table) and §8 items C22–C33, against a WireMock FHIR server. */
@ResourceLock(CapturedLog.FETCHER_LOG)
class PrefetchResolverTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String TOKEN = "T";
    private static final String CONTEXT = """
            {"patientId": "p1", "userId": "Practitioner/u1"}""";
    private static final ServiceDefinition SERVICE = service(
            "patient", "Patient/{{context.patientId}}",
            "conditions", "Condition?patient={{context.patientId}}",
            "observations", "Observation?patient={{context.patientId}}");
    private static final String PATIENT = """
            {"resourceType": "Patient", "id": "p1", "birthDate": "2019-03-01"}""";
    private static final String EMPTY_BUNDLE = """
            {"resourceType": "Bundle", "type": "searchset", "entry": []}""";
    private static final String OUTCOME = """
            {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "exception"}]}""";

    private WireMockServer fhir;
    private String base;
    private PrefetchResolver resolver;

    @BeforeEach
    void startFhirServer() {
        fhir = new WireMockServer(options().dynamicPort());
        fhir.start();
        base = fhir.baseUrl() + "/fhir";
        resolver = resolver(List.of(base), Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopFhirServer() {
        resolver.close();
        fhir.stop();
    }

    // --- §2.4 row "present, resource or Bundle": use it; do not re-query ---

    @Test
    void resolve_whenAllKeysPrefetched_usesThemInDeclaredOrderWithoutAnyRequest() {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"observations": %s, "extra": %s, "conditions": %s, "patient": %s}"""
                .formatted(bundle(observation("o1"), observation("o2")), PATIENT, bundle(condition("c1")), PATIENT));

        List<Resource> resources = resolver.resolve(SERVICE, request).resources();

        // Spec: "use it; do not re-query"; conformance C19: an extra prefetch key not in discovery is ignored.
        assertThat(resources).extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "c1", "o1", "o2");
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void resolve_remembersWherePrefetchedResourcesStood_andWhichKeyAFetchWasFor() {
        fhir.stubFor(get(urlEqualTo("/fhir/Condition?patient=p1")).willReturn(fhirJson(bundle(condition("c1")))));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "observations": %s}""".formatted(PATIENT,
                bundle(observation("o1"), observation("o2"))));

        List<Resource> resources = resolver.resolve(SERVICE, request).resources();

        assertThat(resources).extracting(PatientData::location).containsExactly("prefetch.patient", null,
                "prefetch.observations.entry[0].resource", "prefetch.observations.entry[1].resource");
        assertThat(resources).extracting(PatientData::fetchedFor).containsExactly(null, "conditions", null, null);
    }

    // --- §2.4 row "absent, fhirServer + fhirAuthorization" (C22) ---

    @Test
    void resolve_whenKeyOmittedWithFhirServerAndToken_fetchesSubstitutedUrlWithBearerToken() {
        fhir.stubFor(get(urlEqualTo("/fhir/Condition?patient=p%201")).willReturn(fhirJson(bundle(condition("c1")))));
        CdsRequest request = request(base, TOKEN, """
                {"patientId": "p 1"}""", """
                {"patient": %s, "observations": null}""".formatted(PATIENT));

        List<Resource> resources = resolver.resolve(SERVICE, request).resources();

        // C22: "MOCKFHIR received exactly the template URL with tokens substituted (URL-encoded) and
        // Authorization: Bearer T".
        fhir.verify(1, getRequestedFor(urlEqualTo("/fhir/Condition?patient=p%201"))
                .withHeader("Authorization", equalTo("Bearer T")));
        fhir.verify(1, anyRequestedFor(anyUrl()));
        assertThat(resources).extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "c1");
    }

    @Test
    void resolve_whenReadKeyOmitted_fetchesTheResourceItself() {
        fhir.stubFor(get(urlEqualTo("/fhir/Patient/p1")).willReturn(fhirJson(PATIENT)));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"conditions": null, "observations": null}""");

        assertThat(resolver.resolve(SERVICE, request).resources()).singleElement()
                .satisfies(r -> assertThat(r.fhirType()).isEqualTo("Patient"));
    }

    @ParameterizedTest
    @ValueSource(strings = {EMPTY_BUNDLE,
            "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [{\"resource\": " + PATIENT + "}]}",
            "{\"resourceType\": \"Patient\", \"id\": \"p2\", \"birthDate\": \"2019-03-01\"}",
            "{\"resourceType\": \"Patient\", \"birthDate\": \"2019-03-01\"}",
            "{\"resourceType\": \"Observation\", \"id\": \"p1\", \"status\": \"final\", \"code\": {}}"})
    void resolve_whenReadIsAnsweredByAnythingButThatResource_throws412(String answer) {
        fhir.stubFor(get(urlEqualTo("/fhir/Patient/p1")).willReturn(fhirJson(answer)));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"conditions": null, "observations": null}""");

        assertUnavailable(request, "Prefetch key 'patient' could not be fetched: the FHIR server's response was not the"
                + " resource asked for.");
    }

    @Test
    void resolve_whenFhirServerHasAQuery_throws400BeforeAnyRequest() {
        CdsRequest request = request(base + "?x=", TOKEN, CONTEXT, """
                {"conditions": null, "observations": null}""");

        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(InvalidCdsRequestException.class,
                        e -> assertThat(e.diagnostics()).startsWith("fhirServer "));
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void resolve_whenKeyOmittedWithFhirServerButNoAuthorization_fetchesWithoutAuthorizationHeader() {
        fhir.stubFor(get(urlEqualTo("/fhir/Condition?patient=p1")).willReturn(fhirJson(EMPTY_BUNDLE)));
        CdsRequest request = request(base, null, CONTEXT, """
                {"patient": %s, "observations": null}""".formatted(PATIENT));

        resolver.resolve(SERVICE, request);

        // C23: "MOCKFHIR received the request without Authorization".
        fhir.verify(1, getRequestedFor(urlEqualTo("/fhir/Condition?patient=p1")).withoutHeader("Authorization"));
    }

    // --- §2.4 row "absent, no fhirServer" → 412 (C24, C25) ---

    @Test
    void resolve_whenKeyOmittedAndNoFhirServer_throws412NamingKey() {
        CdsRequest request = request(null, null, CONTEXT, """
                {"patient": %s, "conditions": null}""".formatted(PATIENT));

        // C24: "Key omitted, no fhirServer → 412".
        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.prefetchKey()).isEqualTo("observations");
                    assertThat(e.diagnostics()).isEqualTo("Prefetch key 'observations' was not provided and no allowed"
                            + " FHIR server was given to fetch it.");
                });
    }

    @Test
    void resolve_whenPrefetchAbsentAndNoFhirServer_throws412NamingFirstKey() {
        CdsRequest request = request(null, null, CONTEXT, null);

        // C25: "prefetch member absent entirely, no fhirServer → 412".
        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class,
                        e -> assertThat(e.prefetchKey()).isEqualTo("patient"));
    }

    @Test
    void resolve_whenFhirServerOutsideAllowlist_throws412AndSendsNoRequest() {
        PrefetchResolver closed = resolver(List.of("https://ehr.example.org/fhir"), Duration.ofSeconds(3),
                Duration.ofSeconds(10));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null}""".formatted(PATIENT));

        try (closed) {
            assertThatThrownBy(() -> closed.resolve(SERVICE, request))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class,
                            e -> assertThat(e.prefetchKey()).isEqualTo("observations"));
        }
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void resolve_whenTemplateCannotBeFilled_throws412BeforeAnyRequest() {
        ServiceDefinition service = service("patient", "Patient/{{context.patientId}}",
                "encounter", "Encounter/{{context.encounterId}}");
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s}""".formatted(PATIENT));

        // C33: "the key is treated as unresolvable; the service still answers 200 (degraded) or 412, never 500".
        assertThatThrownBy(() -> resolver.resolve(service, request))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> {
                    assertThat(e.prefetchKey()).isEqualTo("encounter");
                    assertThat(e.status()).isEqualTo(412);
                });
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- §2.4 row "fetch fails (network error, 401, 403, 5xx, timeout)" → 412 (C26) ---

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 500, 503})
    void resolve_whenServerAnswersError_throws412NamingKeyAndStatus(int status) {
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation"))
                .willReturn(aResponse().withStatus(status).withBody("secret body about p1")));

        CdsRequest request = request(base, "tok-sekrit", CONTEXT, """
                {"patient": %s, "conditions": null}""".formatted(PATIENT));

        // C26: "MOCKFHIR answers 401 / 500 ... → 412 (not 500, not hang)".
        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> {
                    assertThat(e.prefetchKey()).isEqualTo("observations");
                    assertThat(e.diagnostics()).isEqualTo(
                            "Prefetch key 'observations' could not be fetched: the FHIR server answered HTTP " + status + ".");
                    // data-contract §5 / brief: never the token, the patient id, the URL or the response body.
                    assertThat(e.diagnostics()).doesNotContain("tok-sekrit", "p1", "secret body", fhir.baseUrl());
                });
    }

    @Test
    void resolve_whenServerTimesOut_throws412WithoutHanging() {
        PrefetchResolver impatient = resolver(List.of(base), Duration.ofMillis(300), Duration.ofSeconds(10));
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(fhirJson(EMPTY_BUNDLE).withFixedDelay(1500)));

        // C26: "times out (configured outbound timeout) ... → 412 (not 500, not hang)".
        try (impatient) {
            assertThatThrownBy(() -> impatient.resolve(SERVICE, onlyObservationsMissing()))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                            .isEqualTo("Prefetch key 'observations' could not be fetched: the FHIR server timed out."));
        }
    }

    @Test
    void resolve_whenFetchesOutlastTheDeadline_throws412() {
        PrefetchResolver impatient = resolver(List.of(base), Duration.ofSeconds(3), Duration.ofMillis(200));
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(fhirJson(EMPTY_BUNDLE).withFixedDelay(1500)));

        try (impatient) {
            // the call the deadline aborted logs only that it was cancelled: the refusal's line gives the reason
            assertRefused(impatient, onlyObservationsMissing(),
                    "Prefetch key 'observations' could not be fetched: the FHIR server timed out.");
        }
    }

    /**
     * A fetch still queued at its deadline (the server's one fetch thread held by another request's fetch) is not a slow
     * FHIR server: the refusal and the metric say so, so an operator raises the fetch threads instead of blaming the EHR.
     * The other request's fetch, which the server was slow to answer, is a timeout. Request A holds the thread past B's
     * deadline because A's own wait for its fetches begins late.
     */
    @Test
    void resolve_whenTheFetchNeverGotAThread_saysSo_andCountsItApartFromATimeout() throws Exception {
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(fhirJson(EMPTY_BUNDLE).withFixedDelay(3000)));
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        FhirClientProperties oneThread = new FhirClientProperties(List.of(base), Duration.ofSeconds(5), 10, false, 1,
                Duration.ofMillis(400));
        FhirServerAllowlist allowlist = new FhirServerAllowlist(oneThread);
        java.util.concurrent.CountDownLatch aWaits = new java.util.concurrent.CountDownLatch(1);
        PrefetchResolver.FetchWait late = new PrefetchResolver.FetchWait() {
            @Override
            public <T> T during(java.util.function.Supplier<T> waiting) {
                aWaits.countDown();
                sleep(Duration.ofMillis(1500));
                return waiting.get();
            }
        };

        try (PrefetchResolver oneThreadResolver = new PrefetchResolver(FHIR, allowlist,
                new FhirFetcher(FHIR, oneThread, allowlist), oneThread, new org.allcds.metrics.AllCdsMetrics(registry))) {
            java.util.concurrent.CompletableFuture<Throwable> a = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> oneThreadResolver.resolve(SERVICE, onlyObservationsMissing(), late)));
            aWaits.await();

            assertThatThrownBy(() -> oneThreadResolver.resolve(SERVICE, onlyObservationsMissing()))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                            .isEqualTo("Prefetch key 'observations' could not be fetched: its fetch waited for one of"
                                    + " the FHIR server's fetch threads (allcds.fhir.max-parallel-fetches), all busy"
                                    + " with other requests' fetches, until the fetch deadline."));
            assertThat(a.get()).isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(
                    e.diagnostics()).endsWith("the FHIR server timed out."));
        }
        assertThat(registry.get("allcds.prefetch.fetches").tags("key", "observations", "outcome", "not-started")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("allcds.prefetch.fetches").tags("key", "observations", "outcome", "timeout")
                .timer().count()).isEqualTo(1);
        assertThat(registry.find("allcds.prefetch.fetches").tags("outcome", "failed").timer())
                .as("the fetch the deadline aborted is a timeout only").isNull();
    }

    /**
     * A fetch that fails just as its request's deadline passes is counted once: the fetch thread and the request thread
     * both see an outcome, and the metric (an operator's count of fetches) must not show two fetches for one. Here the
     * fetch thread is held inside its recording of the failure until the request has given up at its deadline.
     */
    @Test
    void aFetchThatFailsAsTheDeadlinePasses_isCountedOnce() throws Exception {
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/fhir+json").withBody(OUTCOME)));
        FailuresHeld registry = new FailuresHeld();
        FhirClientProperties properties = new FhirClientProperties(List.of(base), Duration.ofSeconds(5), 10, false, 4,
                Duration.ofMillis(400));
        FhirServerAllowlist allowlist = new FhirServerAllowlist(properties);

        try (PrefetchResolver metered = new PrefetchResolver(FHIR, allowlist,
                new FhirFetcher(FHIR, properties, allowlist), properties, new org.allcds.metrics.AllCdsMetrics(registry))) {
            assertThatThrownBy(() -> metered.resolve(SERVICE, onlyObservationsMissing()))
                    .isInstanceOf(PrefetchUnavailableException.class);
            assertThat(registry.holding.getCount()).as("the fetch thread was recording its failure").isZero();
            registry.release.countDown();
            assertThat(registry.recorded.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            registry.release.countDown();
        }
        assertThat(registry.find("allcds.prefetch.fetches").tag("key", "observations").timers())
                .as("one fetch, one outcome").extracting(io.micrometer.core.instrument.Timer::count)
                .containsExactly(1L);
    }

    /** A registry whose timer of failed fetches holds the recording thread until released, then says it recorded. */
    private static final class FailuresHeld extends io.micrometer.core.instrument.simple.SimpleMeterRegistry {
        final java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);

        @Override
        protected io.micrometer.core.instrument.Timer newTimer(io.micrometer.core.instrument.Meter.Id id,
                io.micrometer.core.instrument.distribution.DistributionStatisticConfig config,
                io.micrometer.core.instrument.distribution.pause.PauseDetector pauseDetector) {
            if (!"failed".equals(id.getTag("outcome"))) {
                return super.newTimer(id, config, pauseDetector);
            }
            return new io.micrometer.core.instrument.cumulative.CumulativeTimer(id, clock, config, pauseDetector,
                    getBaseTimeUnit(), false) {
                @Override
                protected void recordNonNegative(long amount, java.util.concurrent.TimeUnit unit) {
                    holding.countDown();
                    try {
                        release.await(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.recordNonNegative(amount, unit);
                    recorded.countDown();
                }
            };
        }
    }

    /**
     * A fetch that a thread takes only after its request's deadline (the thread freed when another request's call was
     * aborted) is never sent: the server, already slow, gets no call for a request that has stopped waiting, and the
     * refusal says the fetch did not start. Request A holds the one thread until its own late wait aborts its call at
     * about 1 s; C's deadline passed at 0.4 s while its fetch was queued, and C waits only from 1.5 s.
     */
    @Test
    void aFetchTakenAfterItsDeadline_isNeverSent() throws Exception {
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(fhirJson(EMPTY_BUNDLE).withFixedDelay(3000)));
        FhirClientProperties oneThread = new FhirClientProperties(List.of(base), Duration.ofSeconds(5), 10, false, 1,
                Duration.ofMillis(400));
        FhirServerAllowlist allowlist = new FhirServerAllowlist(oneThread);

        try (PrefetchResolver oneThreadResolver = new PrefetchResolver(FHIR, allowlist,
                new FhirFetcher(FHIR, oneThread, allowlist), oneThread)) {
            java.util.concurrent.CompletableFuture<Throwable> a = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> oneThreadResolver.resolve(SERVICE, onlyObservationsMissing(),
                            waitingFrom(Duration.ofMillis(1000)))));
            awaitObservationCalls(1);

            assertThatThrownBy(() -> oneThreadResolver.resolve(SERVICE, onlyObservationsMissing(),
                    waitingFrom(Duration.ofMillis(1500))))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                            .contains("its fetch waited for one of the FHIR server's fetch threads"));
            assertThat(a.get()).isInstanceOf(PrefetchUnavailableException.class);
        }
        assertThat(fhir.findAll(getRequestedFor(urlPathEqualTo("/fhir/Observation")))).hasSize(1);
    }

    /** A request whose wait for its fetches begins only after {@code delay}. */
    private static PrefetchResolver.FetchWait waitingFrom(Duration delay) {
        return new PrefetchResolver.FetchWait() {
            @Override
            public <T> T during(java.util.function.Supplier<T> waiting) {
                sleep(delay);
                return waiting.get();
            }
        };
    }

    private void awaitObservationCalls(int count) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (fhir.findAll(getRequestedFor(urlPathEqualTo("/fhir/Observation"))).size() < count
                && System.nanoTime() < until) {
            sleep(Duration.ofMillis(10));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void resolve_whenAnotherKeyFailsFirst_logsTheAbortedFetchAsCancelledNotAsTheDeadline() {
        // the failure comes a moment later, so that the other key's call has begun (on a loaded machine its thread may
        // not have started yet, and a fetch cancelled before its call logs nothing)
        fhir.stubFor(get(urlPathEqualTo("/fhir/Condition")).willReturn(aResponse().withStatus(500).withFixedDelay(300)));
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(fhirJson(EMPTY_BUNDLE).withFixedDelay(5000)));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s}""".formatted(PATIENT));

        try (CapturedLog log = new CapturedLog(FhirFetcher.class)) {
            assertThatThrownBy(() -> resolver.resolve(SERVICE, request)).isInstanceOfSatisfying(
                    PrefetchUnavailableException.class, e -> assertThat(e.prefetchKey()).isEqualTo("conditions"));

            assertThat(log.awaitLines("'observations'")).containsExactly("Prefetch key 'observations' was not fetched:"
                    + " its call was cancelled because prefetch key 'conditions' failed first.");
        }
    }

    @Test
    void resolve_whenServerUnreachable_throws412() throws IOException {
        String closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = "http://localhost:" + socket.getLocalPort() + "/fhir";
        }
        PrefetchResolver unreachable = resolver(List.of(closedPort), Duration.ofSeconds(3), Duration.ofSeconds(10));
        CdsRequest request = request(closedPort, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null}""".formatted(PATIENT));

        // C26: "... is unreachable → 412".
        try (unreachable) {
            assertThatThrownBy(() -> unreachable.resolve(SERVICE, request))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                            .isEqualTo("Prefetch key 'observations' could not be fetched: the FHIR server was unreachable."));
        }
    }

    @Test
    void resolve_whenServerReturnsUnparsableOrNonFhirBody_throws412() {
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/fhir+json").withBody("{not json p1")));
        fhir.stubFor(get(urlPathEqualTo("/fhir/Condition")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>p1</html>")));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, onlyObservationsMissing()))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                        .isEqualTo("Prefetch key 'observations' could not be fetched: the FHIR server's response could not be parsed."));
        CdsRequest conditionsMissing = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "observations": null}""".formatted(PATIENT));
        assertThatThrownBy(() -> resolver.resolve(SERVICE, conditionsMissing))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class,
                        e -> assertThat(e.diagnostics()).contains("'conditions'", "not FHIR").doesNotContain("html"));
    }

    @Test
    void resolve_whenFetchedJsonRepeatsAKey_throws412CouldNotBeParsed() {
        fhir.stubFor(get(urlEqualTo("/fhir/Patient/p1")).willReturn(fhirJson("""
                {"resourceType": "Patient", "id": "p1", "birthDate": "2019-03-01", "birthDate": "2005-03-01"}""")));
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson("""
                {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": {"resourceType": "Observation",
                 "id": "o1", "status": "final", "code": {"text": "x"}, "valueQuantity": {"value": 1, "value": 90}}}]}""")));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, request(base, TOKEN, CONTEXT, """
                {"conditions": null, "observations": null}""")))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics()).isEqualTo(
                        "Prefetch key 'patient' could not be fetched: the FHIR server's response could not be parsed."));
        assertThatThrownBy(() -> resolver.resolve(SERVICE, onlyObservationsMissing()))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics()).isEqualTo(
                        "Prefetch key 'observations' could not be fetched: the FHIR server's response could not be parsed."));
    }

    @Test
    void resolve_whenServerRedirectsToAnotherHost_doesNotFollowAndThrows412() {
        WireMockServer elsewhere = new WireMockServer(options().dynamicPort());
        elsewhere.start();
        try {
            fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(aResponse().withStatus(302)
                    .withHeader("Location", elsewhere.baseUrl() + "/fhir/Observation?patient=p1")));
            // What counts is the 302 not followed: a generous timeout, because on a loaded machine the mock server's
            // first answer took longer than the usual 3 s and the case failed as a timeout instead
            try (PrefetchResolver unhurried = resolver(List.of(base), Duration.ofSeconds(30), Duration.ofSeconds(60))) {
                assertThatThrownBy(() -> unhurried.resolve(SERVICE, onlyObservationsMissing()))
                        .isInstanceOfSatisfying(PrefetchUnavailableException.class,
                                e -> assertThat(e.diagnostics()).contains("'observations'", "HTTP 302"));
            }
            elsewhere.verify(0, anyRequestedFor(anyUrl()));
        } finally {
            elsewhere.stop();
        }
    }

    // --- §2.4 rows "present, null" (C27) and "searchset Bundle with 0 entries" (C28) ---

    @Test
    void resolve_whenKeyIsNull_treatsItAsNoDataAndNeverFetches() {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": null}""".formatted(PATIENT));

        List<Resource> resources = resolver.resolve(SERVICE, request).resources();

        // C27: "Key present with value null → 200. MOCKFHIR received no request for that key."
        assertThat(resources).hasSize(1);
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void resolve_whenBundleHasNoEntries_isEmptyWithoutRefetch() {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": %s, "observations": {"resourceType": "Bundle", "type": "searchset"}}"""
                .formatted(PATIENT, EMPTY_BUNDLE));

        // C28: "Key present with a searchset Bundle with 0 entries → 200; no refetch."
        assertThat(resolver.resolve(SERVICE, request).resources()).hasSize(1);
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- §2.4 rows "present, OperationOutcome" with and without fhirServer (C29) ---

    @Test
    void resolve_whenKeyIsOperationOutcomeAndFhirServerGiven_fetchesIt() {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(bundle(observation("o1")))));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}""".formatted(PATIENT, OUTCOME));

        // C29: "With fhirServer → MOCKFHIR is queried and the result is 200".
        assertThat(resolver.resolve(SERVICE, request).resources())
                .extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "o1");
        fhir.verify(1, getRequestedFor(urlEqualTo("/fhir/Observation?patient=p1"))
                .withHeader("Authorization", equalTo("Bearer T")));
    }

    @Test
    void resolve_whenKeyIsBundleOfOperationOutcomesAndFhirServerGiven_fetchesIt() {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(EMPTY_BUNDLE)));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}""".formatted(PATIENT, bundle(OUTCOME)));

        // §2.4: "present, OperationOutcome (or a Bundle whose entries are OperationOutcomes) → fetch from fhirServer".
        resolver.resolve(SERVICE, request);

        fhir.verify(1, getRequestedFor(urlEqualTo("/fhir/Observation?patient=p1")));
    }

    @Test
    void resolve_whenKeyIsOperationOutcomeAndNoFhirServer_throws412NamingKey() {
        CdsRequest request = request(null, null, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}""".formatted(PATIENT, OUTCOME));

        // C29: "Key present as an OperationOutcome, no fhirServer → 412 ... Never 500."
        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> {
                    assertThat(e.prefetchKey()).isEqualTo("observations");
                    assertThat(e.diagnostics()).contains("'observations'", "OperationOutcome");
                });
    }

    // --- a search that reports more matches than it holds, with no next page ---

    /** Bundle.total counts the matches across all pages: fewer read, and no next page, is a partial result. */
    @Test
    void resolve_whenAFetchedSearchHoldsFewerMatchesThanItsTotal_andNoNextPage_throws412() {
        String partial = bundle(observation("o1"), observation("o2")).replaceFirst("\\{", "{\"total\": 500, ");
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).willReturn(fhirJson(partial)));

        assertRefused(resolver, onlyObservationsMissing(), "Prefetch key 'observations' holds 2 of the 500 matches its"
                + " Bundle's total reports, and no next page; the complete result cannot be read.");
    }

    @Test
    void resolve_whenAPrefetchedSearchHoldsFewerMatchesThanItsTotal_fetchesIt_orWithoutAServerThrows412() {
        String partial = bundle(observation("o1")).replaceFirst("\\{", "{\"total\": 2, ");
        String whole = bundle(observation("o1"), observation("o2")).replaceFirst("\\{", "{\"total\": 2, ");
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(whole)));
        String prefetch = """
                {"patient": %s, "conditions": null, "observations": %s}""".formatted(PATIENT, partial);

        assertThat(resolver.resolve(SERVICE, request(base, TOKEN, CONTEXT, prefetch)).resources())
                .extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "o1", "o2");
        assertThatThrownBy(() -> resolver.resolve(SERVICE, request(null, null, CONTEXT, prefetch)))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                        .isEqualTo("Prefetch key 'observations' holds fewer matches than its Bundle's total reports and"
                                + " no allowed FHIR server was given to fetch it."));
        assertThat(resolver.resolve(SERVICE, request(null, null, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}""".formatted(PATIENT, whole))).resources())
                .hasSize(3);
    }

    /** A total that is no unsignedInt cannot say whether the pages are whole: never read as "complete". */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "2147483648"})
    void resolve_whenASearchsTotalIsNotAnUnsignedInt_isA400Prefetched_orA412Fetched(String total) {
        String bundle = bundle(observation("o1")).replaceFirst("\\{", "{\"total\": " + total + ", ");
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(bundle)));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}""".formatted(PATIENT, bundle))))
                .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> assertThat(e.diagnostics())
                        .isEqualTo("prefetch.observations has Bundle.total that is not valid FHIR."));
        assertUnavailable(onlyObservationsMissing(),
                "Prefetch key 'observations' could not be fetched: the FHIR server's response was not FHIR.");
    }

    // --- OperationOutcomes inside a 200 searchset ---

    @ParameterizedTest
    @ValueSource(strings = {"error", "fatal", "ERROR", ""})
    void resolve_whenFetchedSearchsetReportsAnErrorBesideResults_throws412WithoutTheServersText(String severity) {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(searchset(
                entry(observation("o1"), "match"), entry(outcome(severity, "timeout for patient p1"), "outcome")))));

        assertUnavailable(onlyObservationsMissing(), "Prefetch key 'observations' could not be fetched: the FHIR"
                + " server reported an error in its answer (an OperationOutcome with issue code timeout).");
    }

    @Test
    void resolve_whenErrorOutcomeIsOnTheSecondPageWithoutSearchMode_throws412() {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1"))
                .willReturn(fhirJson(bundleWithNext(base + "/Observation?page=2", observation("o1")))));
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?page=2"))
                .willReturn(fhirJson(bundle(observation("o2"), outcome("error", "p1")))));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, onlyObservationsMissing()))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                        .startsWith("Prefetch key 'observations' could not be fetched: the FHIR server reported an error"));
    }

    @Test
    void resolve_whenFetchedSearchsetHasOnlyAWarning_usesTheResults() {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(searchset(
                entry(observation("o1"), "match"), entry(outcome("warning", "unknown parameter"), "outcome")))));

        assertThat(resolver.resolve(SERVICE, onlyObservationsMissing()).resources())
                .extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "o1");
    }

    @Test
    void resolve_whenSearchsetIncludesOtherResources_ignoresThem() {
        String included = """
                {"resourceType": "Patient", "id": "someone-else", "birthDate": "2005-03-01"}""";
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(searchset(
                entry(observation("o1"), "match"), entry(included, "include")))));
        CdsRequest prefetched = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": %s, "observations": null}"""
                .formatted(PATIENT, searchset(entry(condition("c1"), "match"), entry(included, "include"))));

        assertThat(resolver.resolve(SERVICE, onlyObservationsMissing()).resources())
                .extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "o1");
        assertThat(resolver.resolve(SERVICE, prefetched).resources())
                .extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "c1");
    }

    @Test
    void resolve_whenASearchOrItsNextPageHoldsAnotherType_throws412NamingKey() {
        fhir.stubFor(get(urlEqualTo("/fhir/Condition?patient=p1")).willReturn(fhirJson(bundle(observation("o1")))));
        fhir.stubFor(get(urlEqualTo("/fhir/Condition?page=2")).willReturn(fhirJson(bundle(observation("o2")))));
        String anotherType = "Prefetch key 'conditions' could not be fetched: the FHIR server answered its Condition"
                + " search with resources of another type.";

        assertUnavailable(request(base, TOKEN, CONTEXT, """
                {"patient": %s, "observations": null}""".formatted(PATIENT)), anotherType);
        assertUnavailable(request(base, TOKEN, CONTEXT, """
                {"patient": %s, "observations": null, "conditions": %s}"""
                .formatted(PATIENT, bundleWithNext(base + "/Condition?page=2", condition("c1")))), anotherType);
    }

    @Test
    void resolve_whenPrefetchedBundleReportsAnErrorBesideResults_fetchesTheKeyInstead() {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(bundle(observation("o2")))));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}"""
                .formatted(PATIENT, bundle(observation("o1"), outcome("error", "partial"))));

        assertThat(resolver.resolve(SERVICE, request).resources())
                .extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "o2");
        fhir.verify(1, getRequestedFor(urlEqualTo("/fhir/Observation?patient=p1")));
    }

    @Test
    void resolve_whenPrefetchedBundleReportsAnErrorAndNoFhirServer_throws412NamingKey() {
        CdsRequest request = request(null, null, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}"""
                .formatted(PATIENT, bundle(observation("o1"), outcome("fatal", "partial"))));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class,
                        e -> assertThat(e.prefetchKey()).isEqualTo("observations"));
    }

    // --- next links (C30) ---

    @Test
    void resolve_whenPrefetchedBundleHasNextLink_followsIt() {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1&page=2")).willReturn(fhirJson(bundle(observation("o2")))));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}"""
                .formatted(PATIENT, bundleWithNext(base + "/Observation?patient=p1&page=2", observation("o1"))));

        // C30: "Bundle with link next → the service requests the next page if its logic needs the complete set".
        assertThat(resolver.resolve(SERVICE, request).resources())
                .extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "o1", "o2");
        fhir.verify(1, getRequestedFor(urlEqualTo("/fhir/Observation?patient=p1&page=2"))
                .withHeader("Authorization", equalTo("Bearer T")));
    }

    @Test
    void resolve_whenFetchedBundleHasNextLinks_readsEveryPage() {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1"))
                .willReturn(fhirJson(bundleWithNext(base + "/Observation?page=2", observation("o1")))));
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?page=2"))
                .willReturn(fhirJson(bundleWithNext(base + "/Observation?page=3", observation("o2")))));
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?page=3")).willReturn(fhirJson(bundle(observation("o3")))));
        PrefetchResolver threePages = resolver(new FhirClientProperties(List.of(base), Duration.ofSeconds(3), 3, false, 4,
                Duration.ofSeconds(10)));

        try (threePages) {
            assertThat(threePages.resolve(SERVICE, onlyObservationsMissing()).resources())
                    .extracting(r -> r.getIdElement().getIdPart()).containsExactly("p1", "o1", "o2", "o3");
        }
    }

    @Test
    void resolve_withTheDefaultSettings_readsALongCoursesObservationsWhole() {
        // years of blood counts match the WBC codes: 2,185 Observations at 100 a page were a 412 at the second relapse
        int pages = 22;
        for (int page = 1; page <= pages; page++) {
            String prefix = "o" + page + "-";
            String[] observations = IntStream.range(0, page == pages ? 85 : 100)
                    .mapToObj(i -> observation(prefix + i)).toArray(String[]::new);
            String next = page == pages ? null : base + "/Observation?page=" + (page + 1);
            fhir.stubFor(get(urlEqualTo(page == 1 ? "/fhir/Observation?patient=p1" : "/fhir/Observation?page=" + page))
                    .willReturn(fhirJson(bundleWithNext(next, observations))));
        }
        FhirClientProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of(
                        "allcds.fhir.allowed-servers", base, "allcds.fhir.require-https", "false")))
                .bind("allcds.fhir", FhirClientProperties.class).get();

        try (PrefetchResolver resolver = resolver(defaults)) {
            assertThat(resolver.resolve(SERVICE, onlyObservationsMissing()).resources()).hasSize(1 + 2_185);
        }
    }

    @Test
    void resolve_whenPagesExceedMaxPages_throws412NamingKey() {
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1"))
                .willReturn(fhirJson(bundleWithNext(base + "/Observation?page=2", observation("o1")))));
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?page=2"))
                .willReturn(fhirJson(bundleWithNext(base + "/Observation?page=3", observation("o2")))));
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?page=3"))
                .willReturn(fhirJson(bundleWithNext(base + "/Observation?page=4", observation("o3")))));
        PrefetchResolver threePages = resolver(new FhirClientProperties(List.of(base), Duration.ofSeconds(3), 3, false, 4,
                Duration.ofSeconds(10)));

        try (threePages) {
            // A partial result could hide a relapse or a result: the key is unavailable rather than silently cut.
            assertRefused(threePages, onlyObservationsMissing(), "Prefetch key 'observations' has more than 3 pages"
                    + " (allcds.fhir.max-pages); the complete result cannot be read.");
        }
        fhir.verify(1, getRequestedFor(urlEqualTo("/fhir/Observation?page=3")));
        fhir.verify(0, getRequestedFor(urlEqualTo("/fhir/Observation?page=4")));
    }

    @Test
    void resolve_whenNextLinkIsOutsideAllowlist_throws412WithoutRequest() {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}"""
                .formatted(PATIENT, bundleWithNext(fhir.baseUrl() + "/fhirevil/Observation?page=2", observation("o1"))));

        assertUnavailable(request, "Prefetch key 'observations' has a next page outside the allowed FHIR servers; the"
                + " complete result cannot be read.");
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void resolve_whenNextLinksNameManyOtherHosts_createsNoFetchPoolForThem() {
        for (int i = 0; i < 50; i++) {
            CdsRequest request = request(base, TOKEN, CONTEXT, """
                    {"patient": %s, "conditions": null, "observations": %s}""".formatted(PATIENT,
                    bundleWithNext("http://host" + i + ".example.org/fhir/Observation?page=2", observation("o1"))));

            assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                    .isInstanceOfSatisfying(PrefetchUnavailableException.class, e -> assertThat(e.diagnostics())
                            .isEqualTo("Prefetch key 'observations' has a next page outside the allowed FHIR servers;"
                                    + " the complete result cannot be read."));
        }
        assertThat(resolver.fetchPools()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..;/other/Observation?page=2", "/..%3B/other/Observation?page=2"})
    void resolve_whenNextLinkClimbsOutThroughAPathParameter_throws412WithoutRequest(String escape) {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}"""
                .formatted(PATIENT, bundleWithNext(base + escape, observation("o1"))));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(PrefetchUnavailableException.class,
                        e -> assertThat(e.diagnostics()).contains("'observations'", "outside the allowed FHIR servers"));
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void resolve_whenNextLinkIsOnAnotherAllowedServer_doesNotSendTheTokenThere() {
        WireMockServer other = new WireMockServer(options().dynamicPort());
        other.start();
        PrefetchResolver twoServers = resolver(List.of(base, other.baseUrl()), Duration.ofSeconds(3), Duration.ofSeconds(10));
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": %s}"""
                .formatted(PATIENT, bundleWithNext(other.baseUrl() + "/Observation?page=2", observation("o1"))));

        try (twoServers) {
            assertThatThrownBy(() -> twoServers.resolve(SERVICE, request)).isInstanceOf(PrefetchUnavailableException.class);
            other.verify(0, anyRequestedFor(anyUrl()));
        } finally {
            other.stop();
        }
    }

    // --- parallel fetches ---

    @Test
    void resolve_whenSeveralKeysOmitted_fetchesThemInParallel() {
        fhir.stubFor(get(urlEqualTo("/fhir/Patient/p1")).willReturn(fhirJson(PATIENT).withFixedDelay(1000)));
        fhir.stubFor(get(urlEqualTo("/fhir/Condition?patient=p1")).willReturn(fhirJson(EMPTY_BUNDLE).withFixedDelay(1000)));
        fhir.stubFor(get(urlEqualTo("/fhir/Observation?patient=p1")).willReturn(fhirJson(EMPTY_BUNDLE).withFixedDelay(1000)));
        PrefetchResolver patient = resolver(List.of(base), Duration.ofSeconds(5), Duration.ofSeconds(10));

        try (patient) {
            patient.resolve(SERVICE, request(base, TOKEN, CONTEXT, null));
        }

        // Sequential fetches would arrive at least 1 s apart; parallel ones all arrive before the first answer.
        List<Long> received = fhir.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(received).hasSize(3);
        assertThat(received.get(2) - received.get(0)).isLessThan(1000);
    }

    // --- invalid prefetch values and request-level checks ---

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "42", "[]", "{\"id\": \"x\"}", "{\"resourceType\": \"NoSuchType\"}",
            "{\"resourceType\": 7}"})
    void resolve_whenValueIsNotAFhirResource_throws400NamingPrefetchKey(String value) {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": %s, "observations": null}""".formatted(PATIENT, value));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.diagnostics()).contains("prefetch.conditions");
                });
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Contract §2a D1: what stands under the patient key is the patient in context, or nothing is evaluated. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"resourceType\": \"Practitioner\", \"id\": \"p1\"}",
            "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [{\"resource\": "
                    + "{\"resourceType\": \"Practitioner\", \"id\": \"p1\"}}]}",
            "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [{\"resource\": "
                    + "{\"resourceType\": \"Patient\", \"id\": \"p1\"}}, {\"resource\": {\"resourceType\": \"Group\"}}]}"})
    void resolve_whenThePatientKeyHoldsAnotherType_throws400NamingPrefetchPatient(String value) {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null, "observations": null}""".formatted(value));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.diagnostics()).contains("prefetch.patient");
                });
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    /**
     * A search key holds the searchset Bundle of the type its template searches for: a Patient, a single resource or a
     * match of another type is the client's mapping error, not "no data" (contract §5), as it is when fetched (a 412).
     */
    @ParameterizedTest
    @ValueSource(strings = {"PATIENT", "OBSERVATIONS", "MATCH_OF_ANOTHER_TYPE", "ENTRY_OF_ANOTHER_TYPE", "SINGLE"})
    void resolve_whenASearchKeyHoldsAnotherTypeOrNoBundle_throws400NamingTheKeyAndBothTypes(String held) {
        String conditions = switch (held) {
            case "PATIENT" -> PATIENT;
            case "OBSERVATIONS" -> bundle(observation("o1"));
            case "MATCH_OF_ANOTHER_TYPE" -> searchset(entry(condition("c1"), "match"), entry(observation("o1"), "match"));
            case "ENTRY_OF_ANOTHER_TYPE" -> bundle(condition("c1"), observation("o1"));
            default -> condition("c1");
        };
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": %s, "observations": null}""".formatted(PATIENT, conditions));

        assertThatThrownBy(() -> resolver.resolve(SERVICE, request))
                .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.diagnostics()).startsWith("prefetch.conditions must be a Bundle of the Conditions"
                            + " its template searches for, not ").endsWith(switch (held) {
                                case "PATIENT" -> "not a Patient.";
                                case "SINGLE" -> "not a Condition alone.";
                                default -> "not an Observation (prefetch.conditions.entry[%d].resource)."
                                        .formatted(held.equals("OBSERVATIONS") ? 0 : 1);
                            });
                });
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Every search key of every bundled service: a Patient there is a 400 naming the key, never "not recorded". */
    @Test
    void resolve_whenAnyBundledServicesSearchKeyHoldsThePatient_throws400NamingThatKey() {
        List<String> refused = new java.util.ArrayList<>();
        for (ServiceDefinition service : org.allcds.fixtures.BundledRuleSet.get().services().services()) {
            service.prefetch().forEach((key, template) -> {
                if (PrefetchTemplate.searchedType(template).isEmpty()) {
                    return;
                }
                Map<String, String> prefetch = new LinkedHashMap<>();
                service.prefetch().keySet().forEach(k -> prefetch.put(k, k.equals("patient") || k.equals(key)
                        ? PATIENT : "null"));
                String json = prefetch.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
                Throwable thrown = catchThrowable(() -> resolver.resolve(service, request(null, null, CONTEXT, json)));
                if (thrown instanceof InvalidCdsRequestException e && e.diagnostics().startsWith("prefetch." + key + " ")) {
                    refused.add(service.id() + " " + key);
                }
            });
        }

        assertThat(refused).containsExactly("ped-all-risk conditions", "ped-all-risk observations",
                "ped-all-risk procedures", "ped-all-relapse conditions", "ped-all-relapse observations",
                "ped-all-relapse procedures", "ped-all-orders conditions", "ped-all-orders observations",
                "ped-all-orders procedures");
    }

    @Test
    void resolve_whenThePatientKeyHoldsThePatientInABundle_usesIt() {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": %s}]},
                 "conditions": null, "observations": null}""".formatted(PATIENT));

        assertThat(resolver.resolve(SERVICE, request).resources()).hasSize(1);
    }

    @Test
    void resolve_whenResourceHasUnknownElements_parsesLeniently() {
        CdsRequest request = request(base, TOKEN, CONTEXT, """
                {"patient": {"resourceType": "Patient", "id": "p1", "madeUp": true},
                 "conditions": {"resourceType": "Bundle", "entry": [{"resource": %s}]}, "observations": null}"""
                .formatted(condition("c1")));

        // Conformance §0.2 item 11: sandbox Bundles lack Bundle.type; "Parse leniently."
        assertThat(resolver.resolve(SERVICE, request).resources()).hasSize(2);
    }

    @Test
    void resolve_whenFhirAuthorizationWithoutFhirServer_throws400() {
        CdsRequest request = request(null, TOKEN, CONTEXT, null);

        // C31: "fhirAuthorization present but fhirServer absent → 400".
        assertThatThrownBy(() -> resolver.resolve(SERVICE, request)).isInstanceOf(InvalidCdsRequestException.class);
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void resolve_whenFhirServerIsHttpAndHttpsRequired_throws400() {
        PrefetchResolver production = resolver(new FhirClientProperties(List.of(base), null, 10, true, 4, null));

        // C32: "Production profile: fhirServer with http:// scheme → 400".
        try (production) {
            assertThatThrownBy(() -> production.resolve(SERVICE, onlyObservationsMissing()))
                    .isInstanceOfSatisfying(InvalidCdsRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        fhir.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- helpers ---

    private void assertUnavailable(CdsRequest request, String diagnostics) {
        assertRefused(resolver, request, diagnostics);
    }

    /** The 412 with {@code diagnostics}, and one line of the fetcher's log that says which refusal it was. */
    private static void assertRefused(PrefetchResolver resolver, CdsRequest request, String diagnostics) {
        try (CapturedLog log = new CapturedLog(FhirFetcher.class)) {
            assertThatThrownBy(() -> resolver.resolve(SERVICE, request)).isInstanceOfSatisfying(
                    PrefetchUnavailableException.class, e -> assertThat(e.diagnostics()).isEqualTo(diagnostics));
            assertThat(log.awaitLines(diagnostics)).as("the fetcher's log of the refusal").hasSize(1);
        }
    }

    private CdsRequest onlyObservationsMissing() {
        return request(base, TOKEN, CONTEXT, """
                {"patient": %s, "conditions": null}""".formatted(PATIENT));
    }

    private static PrefetchResolver resolver(List<String> allowed, Duration timeout, Duration deadline) {
        return resolver(new FhirClientProperties(allowed, timeout, 10, false, 4, deadline));
    }

    private static PrefetchResolver resolver(FhirClientProperties properties) {
        FhirServerAllowlist allowlist = new FhirServerAllowlist(properties);
        return new PrefetchResolver(FHIR, allowlist, new FhirFetcher(FHIR, properties, allowlist), properties);
    }

    private static ServiceDefinition service(String... keysAndTemplates) {
        Map<String, String> prefetch = new LinkedHashMap<>();
        for (int i = 0; i < keysAndTemplates.length; i += 2) {
            prefetch.put(keysAndTemplates[i], keysAndTemplates[i + 1]);
        }
        return new ServiceDefinition("ped-all-risk", "patient-view", "ALL risk", "Risk group", null, prefetch,
                List.of("risk"));
    }

    private static ResponseDefinitionBuilder fhirJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json").withBody(body);
    }

    private static String observation(String id) {
        return """
                {"resourceType": "Observation", "id": "%s", "status": "final", "code": {"text": "x"}}""".formatted(id);
    }

    private static String condition(String id) {
        return """
                {"resourceType": "Condition", "id": "%s"}""".formatted(id);
    }

    private static String outcome(String severity, String diagnostics) {
        return """
                {"resourceType": "OperationOutcome", "issue": [{"severity": "%s", "code": "timeout", "diagnostics": "%s"}]}"""
                .formatted(severity, diagnostics);
    }

    /** A Bundle entry with its search mode. */
    private static String entry(String resource, String mode) {
        return "{\"resource\": " + resource + ", \"search\": {\"mode\": \"" + mode + "\"}}";
    }

    private static String searchset(String... entries) {
        return "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [" + String.join(", ", entries) + "]}";
    }

    private static String bundle(String... resources) {
        return bundleWithNext(null, resources);
    }

    private static String bundleWithNext(String next, String... resources) {
        String entries = String.join(", ", java.util.Arrays.stream(resources).map(r -> "{\"resource\": " + r + "}").toList());
        String link = next == null ? "" : ", \"link\": [{\"relation\": \"next\", \"url\": \"" + next + "\"}]";
        return "{\"resourceType\": \"Bundle\", \"type\": \"searchset\"" + link + ", \"entry\": [" + entries + "]}";
    }
}
