package org.allcds.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.engine.RuleSetHolder;
import org.allcds.hooks.CdsRequest;
import org.allcds.pipeline.HookPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one synthetic patient through every service before the application reports ready (runners finish before the
 * readiness state turns to ACCEPTING_TRAFFIC), so JSON, the FHIR parser, the mapping, Drools and the card renderer are
 * loaded and compiled, and the first real request is as fast as the tenth: a few rounds in process, then a few over
 * HTTP to this server itself (loopback) so the container, filters and message converters are warm too. With
 * authentication on, only discovery is called over HTTP: a service call without a token would be refused, logged at
 * WARN and counted as a refused JWT and a 401 at every start, where alerts watch for exactly those; a token for the
 * warm-up would need a key the service trusts, or a way past the check. {@code allcds.warm-up.enabled=false}
 * skips it (the test suite does, except where warm-up itself is tested: it costs every test context seconds). Then,
 * after readiness, {@link BackgroundWarmUp} goes on with the same calls and the example requests in idle time, for
 * the JIT.
 */
@Component
@ConditionalOnBooleanProperty(name = "allcds.warm-up.enabled", matchIfMissing = true)
class WarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    static final String REQUEST = "warmup/patient-view.json";
    /** Draft orders for order-sign services: one per order kind the rules check, so the order path is warm too. */
    static final String DRAFT_ORDERS = "warmup/draft-orders.json";
    /** The example requests, also sent by the background warm-up. */
    static final String EXAMPLES = "classpath*:allcds-fhir-profiles/requests/*.json";

    private final HookPipeline pipeline;
    private final RuleSetHolder ruleSets;
    private final JsonBodies bodies;
    private final JsonMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final org.springframework.context.ApplicationContext context;
    private final org.springframework.core.env.Environment env;

    private final int backgroundCalls;
    private final RequestActivity activity;
    private final WarmUpMark mark;

    WarmUp(HookPipeline pipeline, RuleSetHolder ruleSets, JsonBodies bodies, JsonMapper json,
           org.springframework.context.ApplicationContext context, org.springframework.core.env.Environment env,
           WebProperties.WarmUpSettings settings, RequestActivity activity, WarmUpMark mark) {
        this.mark = mark;
        this.backgroundCalls = settings.backgroundCalls();
        this.activity = activity;
        this.pipeline = pipeline;
        this.ruleSets = ruleSets;
        this.bodies = bodies;
        this.json = json;
        this.context = context;
        this.env = env;
    }

    /**
     * Loopback unless the server is bound to one address; null without a web server (e.g. mock environments). Only
     * asked once the server runs: asking Tomcat for its port earlier makes it open a default connector.
     */
    private static String selfUrl(org.springframework.context.ApplicationContext context, org.springframework.core.env.Environment env) {
        if (!(context instanceof org.springframework.boot.web.server.context.WebServerApplicationContext web)
                || web.getWebServer() == null) {
            return null;
        }
        String address = env.getProperty("server.address", "127.0.0.1");
        String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.getWebServer().getPort();
    }

    /**
     * Two rounds: the first loads every class a call needs, the second the few that only a repeated call reaches
     * (sessions back from the pool, cached lookups). More rounds only kept readiness waiting: they load no further
     * class on the request path (measured with -Xlog:class+load over the example requests), and the JIT needs
     * thousands of calls, not five.
     */
    static final int ROUNDS = 2;

    @Override
    public void run(ApplicationArguments args) throws IOException {
        long start = System.nanoTime();
        byte[] template = new ClassPathResource(REQUEST).getContentAsByteArray();
        byte[] draftOrders = new ClassPathResource(DRAFT_ORDERS).getContentAsByteArray();
        String selfUrl = selfUrl(context, env);
        Map<ServiceDefinition, byte[]> requests = new LinkedHashMap<>();
        for (ServiceDefinition service : ruleSets.current().services().services()) {
            ObjectNode body = body(service, template, draftOrders);
            if (body != null) {
                requests.put(service, json.writeValueAsBytes(body));
            }
        }
        ExecutorService threads = threads(Math.min(requests.size(), pipeline.concurrentCalls()));
        try {
            for (int round = 0; round < ROUNDS; round++) {
                round(threads, requests, selfUrl);
            }
        } finally {
            threads.shutdownNow();
        }
        log.info("Warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
        if (backgroundCalls > 0 && !requests.isEmpty()) {
            Thread background = new Thread(() -> inBackground(requests), "warm-up-background");
            background.setDaemon(true);
            background.start();
        }
    }

    /**
     * One round: the services side by side, each its call in process then over HTTP, on no more threads than calls
     * evaluate at once, so that none waits for a turn (and is refused after the wait). The round ends when every
     * service's calls have, so the second round runs after the first. An error (not a failed call, which is logged)
     * fails the start, as it did when the calls ran on {@code main}.
     */
    private void round(ExecutorService threads, Map<ServiceDefinition, byte[]> requests, String selfUrl) {
        List<Future<?>> calls = new ArrayList<>();
        requests.forEach((service, body) -> calls.add(threads.submit(() -> {
            inProcess(service, body);
            overHttp(selfUrl, service, body);
        })));
        for (Future<?> call : calls) {
            await(call);
        }
    }

    private static void await(Future<?> call) {
        try {
            call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Warm-up interrupted", e);
        }
    }

    /** Threads made by {@code main}, so that they share its context class loader (the packaged jar's). */
    private static ExecutorService threads(int count) {
        AtomicInteger made = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, count), work -> {
            Thread thread = new Thread(work, "warm-up-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The synthetic patient's calls and those of the bundled example requests: calls with other data than the warm-up
     * patient's run rule branches it never reaches, which stayed two to three times slower (bench/RESULTS.md).
     */
    private void inBackground(Map<ServiceDefinition, byte[]> requests) {
        List<Runnable> calls = new ArrayList<>();
        requests.forEach((service, body) -> calls.add(() -> call(service, body)));
        examples(requests.keySet()).forEach(example -> calls.add(() -> call(example.service(), example.body())));
        new BackgroundWarmUp(calls, backgroundCalls,
                () -> activity.quietFor(BackgroundWarmUp.QUIET) && pipeline.idle()).run();
    }

    /**
     * The example requests bundled in the jar ({@code fhir-profiles/requests/<service id>-example-<x>.json}) of the
     * services served, without a FHIR server: the warm-up never calls out.
     */
    List<Example> examples(Collection<ServiceDefinition> services) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources(EXAMPLES);
        } catch (IOException e) {
            log.debug("No example requests for the background warm-up: {}", e.toString());
            return List.of();
        }
        List<Example> examples = new ArrayList<>();
        for (Resource resource : resources) {
            String name = String.valueOf(resource.getFilename());
            for (ServiceDefinition service : services) {
                if (name.startsWith(service.id() + "-example-")) {
                    try (InputStream in = resource.getInputStream()) {
                        ObjectNode body = offline((ObjectNode) bodies.read(in));
                        examples.add(new Example(service, json.writeValueAsBytes(body)));
                    } catch (IOException | RuntimeException e) {
                        log.debug("Example request {} left out of the background warm-up: {}", name, e.toString());
                    }
                }
            }
        }
        return examples;
    }

    /** The request without its FHIR server and authorization, so that its call never fetches. */
    static ObjectNode offline(ObjectNode body) {
        body.remove(List.of("fhirServer", "fhirAuthorization"));
        return body;
    }

    /** An example request, ready to send to its service. */
    record Example(ServiceDefinition service, byte[] body) {
    }

    /** The synthetic patient's request for this service's hook: order-sign also gets draft orders in its context. */
    ObjectNode body(ServiceDefinition service, byte[] template, byte[] draftOrders) {
        try (InputStream in = new java.io.ByteArrayInputStream(template);
             InputStream orders = new java.io.ByteArrayInputStream(draftOrders)) {
            ObjectNode body = (ObjectNode) bodies.read(in);
            body.put("hook", service.hook());
            if ("order-sign".equals(service.hook())) {
                ((ObjectNode) body.get("context")).set("draftOrders", bodies.read(orders));
            }
            return body;
        } catch (IOException | RuntimeException e) {
            log.warn("Warm-up request for service '{}' could not be built: {}", service.id(), e.getMessage());
            return null;
        }
    }

    private void inProcess(ServiceDefinition service, byte[] body) {
        try {
            call(service, body);
        } catch (RuntimeException e) {
            log.warn("Warm-up call to service '{}' failed: {}", service.id(), e.getMessage());
        }
    }

    /** One call in process as the controller makes it: the body read, the pipeline, the response serialised. */
    private void call(ServiceDefinition service, byte[] body) {
        CdsRequest request = CdsRequestReader.read(bodies.read(new java.io.ByteArrayInputStream(body)));
        json.writeValueAsBytes(pipeline.call(service.id(), request));
    }

    private void overHttp(String selfUrl, ServiceDefinition service, byte[] body) {
        if (selfUrl == null) {
            return;
        }
        try {
            if (!env.getProperty("allcds.security.enabled", Boolean.class, true)) {
                HttpRequest post = mark.mark(HttpRequest.newBuilder(URI.create(selfUrl + "/cds-services/" + service.id())))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                http.send(post, HttpResponse.BodyHandlers.discarding());
            }
            http.send(HttpRequest.newBuilder(URI.create(selfUrl + "/cds-services")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            log.debug("Warm-up over HTTP skipped: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
