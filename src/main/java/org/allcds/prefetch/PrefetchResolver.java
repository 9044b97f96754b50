package org.allcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.PrefetchUnavailableException;
import org.allcds.hooks.CdsRequest;
import org.allcds.hooks.FhirAuthorization;
import org.allcds.metrics.AllCdsMetrics;
import org.allcds.prefetch.FhirFetcher.Exchanges;
import org.allcds.prefetch.FhirFetcher.Target;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Gathers the patient data a service declared in its prefetch templates, following CDS Hooks 2.0 §Prefetch
 * (conformance notes §2.4): a prefetched resource or Bundle is used as given, a JSON null means "no data" and is never
 * fetched, an omitted key or an OperationOutcome (or a Bundle reporting an error in an OperationOutcome entry) is
 * fetched from an allowed {@code fhirServer} (all such keys in parallel), and data that can be neither read nor fetched is a 412 naming the key. Every 400 and 412 that needs no
 * I/O is raised before any request leaves the service.
 */
@Component
public final class PrefetchResolver implements AutoCloseable {

    /** Completes "could not be fetched: …" for a fetch still queued at the deadline. */
    private static final String NOT_STARTED = "its fetch waited for one of the FHIR server's fetch threads"
            + " (allcds.fhir.max-parallel-fetches), all busy with other requests' fetches, until the fetch deadline";

    private final FhirJson fhirJson;
    private final FhirServerAllowlist allowlist;
    private final FhirFetcher fetcher;
    private final Duration fetchDeadline;
    private final FetchPools pools;
    private final AllCdsMetrics metrics;

    PrefetchResolver(FhirContext fhirContext, FhirServerAllowlist allowlist, FhirFetcher fetcher,
                     FhirClientProperties properties) {
        this(fhirContext, allowlist, fetcher, properties, (AllCdsMetrics) null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    PrefetchResolver(FhirContext fhirContext, FhirServerAllowlist allowlist, FhirFetcher fetcher,
                     FhirClientProperties properties, org.springframework.beans.factory.ObjectProvider<AllCdsMetrics> metrics) {
        this(fhirContext, allowlist, fetcher, properties, metrics.getIfAvailable());
    }

    PrefetchResolver(FhirContext fhirContext, FhirServerAllowlist allowlist, FhirFetcher fetcher,
                     FhirClientProperties properties, AllCdsMetrics metrics) {
        this.fhirJson = new FhirJson(fhirContext);
        this.allowlist = allowlist;
        this.fetcher = fetcher;
        this.fetchDeadline = properties.fetchDeadline();
        this.pools = new FetchPools(properties.maxParallelFetches(), properties.allowedServers());
        this.metrics = metrics;
    }

    /**
     * How a caller waits while the keys it lacks are fetched. A caller holding a share of the CPU (a permit of the
     * evaluation gate) hands it back for the wait, so a slow FHIR server never holds what parsing and rules need.
     */
    public interface FetchWait {

        /** Runs {@code waiting} (the wait for the fetches) and returns what it returns. */
        <T> T during(Supplier<T> waiting);
    }

    /** Waits holding whatever the caller holds. */
    private static final FetchWait HOLDING = new FetchWait() {
        @Override
        public <T> T during(Supplier<T> waiting) {
            return waiting.get();
        }
    };

    /** The resources of every declared key: declared key order, then bundle order. Undeclared keys are ignored. */
    public PatientData resolve(ServiceDefinition service, CdsRequest request) {
        return resolve(service, request, HOLDING);
    }

    /** As {@link #resolve(ServiceDefinition, CdsRequest)}; a wait for fetches (if any) runs in {@code wait}. */
    public PatientData resolve(ServiceDefinition service, CdsRequest request, FetchWait wait) {
        Target target = target(request);
        Map<String, Plan> plans = new LinkedHashMap<>();
        service.prefetch().forEach((key, template) -> plans.put(key, plan(key, template, request, target)));
        return new PatientData(collect(plans, wait));
    }

    /** What one key needs: resources already in hand, or a fetch from the server that {@code url} names. */
    private record Plan(List<Resource> ready, String url, Function<Exchanges, List<Resource>> fetch) {
        static Plan ready(List<Resource> resources) {
            return new Plan(resources, null, null);
        }

        static Plan fetch(String url, Function<Exchanges, List<Resource>> fetch) {
            return new Plan(null, url, fetch);
        }
    }

    private Plan plan(String key, String template, CdsRequest request, Target target) {
        JsonNode value = request.prefetch().get(key);
        if (value == null || value.isMissingNode()) {
            return fetchPlan(key, template, request, target, "was not provided");
        }
        if (value.isNull()) {
            // Spec: "If the CDS Client has no data to populate a template prefetch key, the prefetch template key
            // MUST have a value of null" - known to be empty, so never fetched.
            return Plan.ready(List.of());
        }
        Resource resource = parse(key, value);
        PatientData.locate(resource, "prefetch." + key);
        if (holdsTheClientsOutcome(resource)) {
            // Spec: "CDS Services SHOULD check any prefetched data for the existence of OperationOutcomes." An error
            // beside some results means the client's prefetch is incomplete: it is not used, as if it were not sent.
            return fetchPlan(key, template, request, target, "holds the client's OperationOutcome");
        }
        requireTemplateType(key, template, resource);
        if (resource instanceof Bundle bundle) {
            Optional<String> next = Bundles.nextLink(bundle);
            List<Resource> held = Bundles.resources(bundle);
            if (next.isEmpty() && Bundles.fewerThanTotal(bundle, held.size())) {
                return fetchPlan(key, template, request, target, "holds fewer matches than its Bundle's total reports");
            }
            return next.map(link -> nextPagesPlan(key, template, target, bundle, link)).orElseGet(() -> Plan.ready(held));
        }
        return Plan.ready(List.of(resource));
    }

    /**
     * The client's first page (used as sent) and the pages its next link leads to, if the service may follow it at all;
     * those must hold the type the template searches for.
     */
    private Plan nextPagesPlan(String key, String template, Target target, Bundle first, String next) {
        if (!fetcher.mayFollow(target, next)) {
            throw FhirFetcher.nextPageOutsideAllowlist(key);
        }
        return Plan.fetch(next, exchanges -> fetcher.withNextPages(key, target, first,
                PrefetchTemplate.searchedType(template), exchanges));
    }

    private Plan fetchPlan(String key, String template, CdsRequest request, Target target, String state) {
        if (target.fhirServer() == null) {
            throw new PrefetchUnavailableException(key, "Prefetch key '" + key + "' " + state
                    + " and no allowed FHIR server was given to fetch it.");
        }
        String url = PrefetchTemplate.resolve(template, request).orElseThrow(() -> new PrefetchUnavailableException(
                key, "Prefetch key '" + key + "' " + state + " and its template cannot be filled from the context."));
        return Plan.fetch(FhirFetcher.url(target, url), exchanges -> fetcher.fetch(key, target, url, exchanges));
    }

    /** The request's fhirServer and token when the server may be called; else a target that fetches nothing. */
    private Target target(CdsRequest request) {
        allowlist.validateFhirServer(request.fhirServer());
        FhirAuthorization authorization = request.fhirAuthorization();
        if (authorization != null && request.fhirServer() == null) {
            // cds-r-1: fhirServer is required with fhirAuthorization; the request validator rejects this first.
            throw new InvalidCdsRequestException("fhirAuthorization is present but fhirServer is not.");
        }
        if (request.fhirServer() == null || !allowlist.isAllowed(request.fhirServer())) {
            return new Target(null, null);
        }
        String token = authorization == null || authorization.accessToken() == null
                || authorization.accessToken().isBlank() ? null : authorization.accessToken();
        return new Target(request.fhirServer(), token);
    }

    private Resource parse(String key, JsonNode value) {
        if (!value.isObject() || !value.path("resourceType").isString()) {
            throw notAResource(key);
        }
        try {
            return fhirJson.parse(value);
        } catch (FhirJson.NotFhir notFhir) {
            throw new InvalidCdsRequestException("prefetch." + key + notFhir.where() + " " + notFhir.problem() + ".");
        } catch (RuntimeException unparsable) {
            throw notAResource(key); // a message of the FHIR model's may quote the data; the key is all a client needs
        }
    }

    /** An OperationOutcome, alone or as the error of a Bundle: the value is fetched again, not held to its template. */
    static boolean holdsTheClientsOutcome(Resource resource) {
        return resource instanceof OperationOutcome || resource instanceof Bundle bundle
                && (Bundles.onlyOutcomes(bundle) || Bundles.errorIssue(bundle).isPresent());
    }

    /**
     * A prefetched value holds what its template asks for, as a fetched one must (a 412 there): a read
     * ({@code Patient/{{context.patientId}}}) that type only, alone or in a Bundle, since a Practitioner is not the
     * patient in context (contract §2a D1; the id is checked with the record's other Patients); a search a Bundle whose
     * matches are of the type searched for, since a Patient under {@code conditions} read as "no conditions" would be a
     * guess. Entries a search included are not matches ({@link Bundles#resources}).
     */
    static void requireTemplateType(String key, String template, Resource resource) {
        Optional<String> read = FhirFetcher.Read.of(template).map(FhirFetcher.Read::type);
        Optional<String> searched = PrefetchTemplate.searchedType(template);
        if (read.isEmpty() && searched.isEmpty()) {
            return; // an operation: no type to hold it to
        }
        String wanted = read.isPresent() ? "the " + read.get() + " its template reads (" + template + ")"
                : "a Bundle of the " + searched.get() + "s its template searches for";
        if (searched.isPresent() && !(resource instanceof Bundle)) {
            throw wrongType(key, wanted, resource.fhirType().equals(searched.get())
                    ? article(resource) + " alone" : article(resource));
        }
        List<Resource> held = resource instanceof Bundle bundle ? Bundles.resources(bundle) : List.of(resource);
        Bundles.firstNotOf(read.orElseGet(searched::get), held).ifPresent(other -> {
            String where = other == resource ? "" : " (" + PatientData.location(other) + ")";
            throw wrongType(key, wanted, article(other) + where);
        });
    }

    private static InvalidCdsRequestException wrongType(String key, String wanted, String found) {
        return new InvalidCdsRequestException("prefetch." + key + " must be " + wanted + ", not " + found + ".");
    }

    /** "a Patient", "an Observation". */
    private static String article(Resource resource) {
        String type = resource.fhirType();
        return ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    private static InvalidCdsRequestException notAResource(String key) {
        return new InvalidCdsRequestException("prefetch." + key + " is neither null nor a FHIR R4 resource.");
    }

    /**
     * Runs the fetches in parallel and waits for them until the deadline. Whatever happens (deadline, a failed key,
     * an interrupt), every HTTP call still open is aborted and every fetch not yet started is taken off its queue.
     */
    private List<Resource> collect(Map<String, Plan> plans, FetchWait wait) {
        Map<String, Running> running = new LinkedHashMap<>();
        long start = System.nanoTime();
        long deadline = start + fetchDeadline.toNanos();
        try (Exchanges exchanges = fetcher.exchanges(deadline)) {
            plans.forEach((key, plan) -> {
                if (plan.fetch() != null) {
                    running.put(key, submit(key, plan, exchanges, deadline));
                }
            });
            Map<String, List<Resource>> fetched = running.isEmpty() ? Map.of()
                    : wait.during(() -> awaitAll(running, exchanges, deadline, start));
            List<Resource> resources = new ArrayList<>();
            plans.forEach((key, plan) -> resources.addAll(plan.fetch() == null ? plan.ready()
                    : PatientData.fetched(fetched.get(key), key)));
            return resources;
        } finally {
            running.values().forEach(fetch -> pools.cancel(fetch.future()));
        }
    }

    /**
     * A key's fetch, queued or running; {@code started} once a fetch thread took it; {@code counted} once its outcome
     * is recorded: the fetch thread and the request thread may both see the deadline pass, and a key counts once.
     */
    private record Running(Future<List<Resource>> future, AtomicBoolean started, AtomicBoolean counted) {
    }

    /** A fetch a thread took only after its request's deadline: it is not started, and the request says so. */
    private static final class StartedTooLate extends RuntimeException {
        StartedTooLate() {
            super(null, null, false, false);
        }
    }

    private Running submit(String key, Plan plan, Exchanges exchanges, long deadline) {
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean counted = new AtomicBoolean();
        Callable<List<Resource>> timedFetch = timed(key, () -> plan.fetch().apply(exchanges), exchanges, counted);
        Callable<List<Resource>> fetch = () -> {
            // a thread freed at the deadline (often by this very abort) must not call a slow server for a request gone
            if (System.nanoTime() - deadline >= 0 || exchanges.closedBecause() != null) {
                throw new StartedTooLate();
            }
            started.set(true);
            return timedFetch.call();
        };
        try {
            return new Running(pools.submit(plan.url(), fetch), started, counted);
        } catch (RejectedExecutionException full) {
            throw FhirFetcher.refused(key, "too many fetches are waiting for its FHIR server");
        }
    }

    /**
     * The fetch, its time recorded by outcome. A fetch the request aborted (at its deadline, or because another key
     * failed first) is not a failure of its own: the deadline's outcome is recorded where it is noticed.
     */
    private Callable<List<Resource>> timed(String key, Callable<List<Resource>> fetch, Exchanges exchanges,
                                           AtomicBoolean counted) {
        if (metrics == null) {
            return fetch;
        }
        return () -> {
            long start = System.nanoTime();
            try {
                List<Resource> resources = fetch.call();
                if (counted.compareAndSet(false, true)) {
                    metrics.prefetchFetch(key, "fetched", Duration.ofNanos(System.nanoTime() - start));
                }
                return resources;
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted() && exchanges.closedBecause() == null
                        && counted.compareAndSet(false, true)) {
                    // the fetch may notice the budget's deadline before the request does: the same no-room either way
                    metrics.prefetchFetch(key, exchanges.waitedForRoom() ? "no-room" : "failed",
                            Duration.ofNanos(System.nanoTime() - start));
                }
                throw e;
            }
        };
    }

    /**
     * Each key's fetched resources, awaited in key order: the first key that fails is the one reported, and the calls of
     * the others are aborted then, saying why (the deadline, or that key's failure), so their log tells what happened.
     */
    private Map<String, List<Resource>> awaitAll(Map<String, Running> running, Exchanges exchanges,
                                                 long deadline, long start) {
        Map<String, List<Resource>> fetched = new LinkedHashMap<>();
        running.forEach((key, fetch) -> fetched.put(key, await(key, fetch, exchanges, deadline, start)));
        return fetched;
    }

    private List<Resource> await(String key, Running fetch, Exchanges exchanges, long deadline, long start) {
        try {
            return fetch.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw late(key, fetch, fetch.started().get(), exchanges, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchanges.close("the request was interrupted");
            throw FhirFetcher.refused(key, "the fetch was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StartedTooLate) {
                throw late(key, fetch, false, exchanges, start);
            }
            exchanges.close("prefetch key '" + key + "' failed first");
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Prefetch key '" + key + "' failed unexpectedly.", e.getCause());
        }
    }

    /** The 412 of a key whose fetch had not ended, or not started, by the deadline; its outcome recorded. */
    private PrefetchUnavailableException late(String key, Running fetch, boolean started, Exchanges exchanges,
                                              long start) {
        exchanges.close(Exchanges.DEADLINE);
        if (metrics != null && fetch.counted().compareAndSet(false, true)) {
            metrics.prefetchFetch(key, lateOutcome(exchanges, started), Duration.ofNanos(System.nanoTime() - start));
        }
        return FhirFetcher.refused(key, started ? exchanges.lateBecause() : NOT_STARTED);
    }

    /**
     * Why the deadline passed, as an operator acts on it: the FHIR server was slow ({@code timeout}), the bytes all
     * requests were fetching left no room ({@code no-room}: raise the budget or add replicas), or the fetch never got
     * one of its server's threads ({@code not-started}: other requests' fetches held them all).
     */
    private static String lateOutcome(Exchanges exchanges, boolean started) {
        if (!started) {
            return "not-started";
        }
        return exchanges.waitedForRoom() ? "no-room" : "timeout";
    }

    /** Fetch pools created so far (one per allowed server at most). */
    int fetchPools() {
        return pools.size();
    }

    @Override
    public void close() {
        pools.close();
    }
}
