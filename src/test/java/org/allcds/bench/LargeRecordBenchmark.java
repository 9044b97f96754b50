package org.allcds.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.allcds.AllCdsApplication;
import org.allcds.fixtures.FakeFhirServer;
import org.allcds.fixtures.LargeRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service call without prefetch, over HTTP, for the large record (about 20,000 Observations, a few dozen of them
 * relevant) and for a small one, each on its own fake FHIR server with the same latency per request and pages of 20.
 * Run with {@code bench/jmh.sh LargeRecordBenchmark}; the ratio is in {@code bench/RESULTS.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LargeRecordBenchmark {

    /** Latency of the fake FHIR server per request, in milliseconds (a hospital FHIR server on the same network). */
    @Param("20")
    public int latencyMillis;

    private FakeFhirServer large;
    private FakeFhirServer small;
    private ConfigurableApplicationContext service;
    private HttpClient http;
    private URI endpoint;
    private String largeRequest;
    private String smallRequest;
    private final AtomicInteger largeCalls = new AtomicInteger();
    private final AtomicInteger smallCalls = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        large = new FakeFhirServer(LargeRecord.large("large-1", 20240506L).resources(), 20, latencyMillis);
        small = new FakeFhirServer(LargeRecord.small("small-1", 20240506L).resources(), 20, latencyMillis);
        service = SpringApplication.run(AllCdsApplication.class, "--server.port=0", "--allcds.security.enabled=false",
                "--allcds.rules.watch=false", "--allcds.fhir.require-https=false",
                "--allcds.fhir.allowed-servers[0]=" + large.base(), "--allcds.fhir.allowed-servers[1]=" + small.base(),
                "--logging.level.root=WARN");
        endpoint = URI.create("http://localhost:" + service.getEnvironment().getProperty("local.server.port")
                + "/cds-services/ped-all-risk");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        largeRequest = request("large-1", large.base());
        smallRequest = request("small-1", small.base());
    }

    private static String request(String patientId, String fhirServer) {
        return """
                {"hook": "patient-view", "hookInstance": "5d1d1c4e-4d7a-4f0c-9a57-4f1b2a9c0a01", "fhirServer": "%s",
                 "context": {"userId": "Practitioner/example-oncologist", "patientId": "%s"},
                 "extension": {"org.allcds": {"evaluationTime": "%s"}}}""".formatted(fhirServer, patientId,
                LargeRecord.EVALUATION_TIME);
    }

    @Benchmark
    public String largeRecordWithoutPrefetch() throws Exception {
        largeCalls.incrementAndGet();
        return call(largeRequest);
    }

    @Benchmark
    public String smallRecordWithoutPrefetch() throws Exception {
        smallCalls.incrementAndGet();
        return call(smallRequest);
    }

    private String call(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf("%nper call at the FHIR server: large %s, small %s%n", perCall(large, largeCalls),
                perCall(small, smallCalls));
        service.close();
        large.close();
        small.close();
    }

    private static String perCall(FakeFhirServer server, AtomicInteger calls) {
        return calls.get() == 0 ? "no calls" : String.format("%.1f requests, %.1f entries",
                (double) server.requests() / calls.get(), (double) server.entries() / calls.get());
    }
}
