package org.allcds.web;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Black-box tests over real HTTP (conformance §8). Every subclass with the same properties shares one application
 * context (Spring's test context cache) and one WireMock FHIR server, reset before each test. Security is off here:
 * these tests check the protocol, not authentication.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractHttpIT {

    static final String SANDBOX_ORIGIN = "https://sandbox.cds-hooks.org";
    static final String RISK = "ped-all-risk";
    static final String RELAPSE = "ped-all-relapse";
    static final String TOKEN = "opaque-token-T";
    static final String ADMIN_TOKEN = "admin-token-T";

    /** The mock FHIR server (MOCKFHIR of §8); it records every request it receives. */
    static final WireMockServer FHIR = new WireMockServer(options().dynamicPort());
    /** An allowed FHIR server on a port where nothing listens (the "unreachable" case of §8 C26). */
    static final String UNREACHABLE_FHIR;

    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        FHIR.start();
        Runtime.getRuntime().addShutdownHook(new Thread(FHIR::stop));
        warmUp();
        try (ServerSocket socket = new ServerSocket(0)) {
            UNREACHABLE_FHIR = "http://127.0.0.1:" + socket.getLocalPort() + "/fhir";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cold mock server can take longer than the 1 s outbound timeout to answer its first requests on a busy machine,
     * which would turn the first fetch of a run into a spurious "timed out"; a few requests before any test avoid it.
     */
    private static void warmUp() {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 5; i++) {
            try {
                client.send(HttpRequest.newBuilder(URI.create(FHIR.baseUrl() + "/warm-up")).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("allcds.fhir.allowed-servers[0]", AbstractHttpIT::fhirBase);
        registry.add("allcds.fhir.allowed-servers[1]", () -> UNREACHABLE_FHIR);
        registry.add("allcds.fhir.require-https", () -> "false");
        registry.add("allcds.fhir.timeout", () -> "1s");
        registry.add("allcds.fhir.fetch-deadline", () -> "5s");
        registry.add("allcds.cors.allowed-origins", () -> SANDBOX_ORIGIN);
        registry.add("allcds.security.enabled", () -> "false");
        registry.add("allcds.admin.token", () -> ADMIN_TOKEN);
    }

    /** The allowed FHIR base URL on the mock server. */
    static String fhirBase() {
        return FHIR.baseUrl() + "/fhir";
    }

    @Value("${local.server.port}")
    protected int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void resetFhirServer() {
        FHIR.resetAll();
    }

    // --- HTTP ---

    /** {@code request} sent as raw bytes (what well-behaved clients refuse to send); the whole answer, as text. */
    String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return postAs(path, "application/json", body, headers);
    }

    HttpResponse<String> postAs(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** Feedback of one overridden card of {@link #RISK}. */
    HttpResponse<String> overriddenFeedback(String card) {
        return post("/cds-services/" + RISK + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-01-01T10:05:31Z"}]}"""
                .formatted(card));
    }

    /**
     * {@link #overriddenFeedback} sent again while it is a 503, for 30 s at most, as a client told Retry-After would
     * (sooner): once the database is back, the pool replaces the connections it lost within a few attempts. Half a
     * second apart: the pool checks a connection before lending it only after 500 ms idle, and a broken H2 connection
     * is not one it recognises as broken otherwise.
     */
    HttpResponse<String> overriddenFeedbackUntilStored(String card) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> answer = overriddenFeedback(card);
        while (answer.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answer = overriddenFeedback(card);
        }
        return answer;
    }

    HttpResponse<String> callService(String serviceId, JsonNode body) {
        return post("/cds-services/" + serviceId, body.toString());
    }

    // --- fixtures ---

    static String fixture(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request fixture as a mutable tree, e.g. {@code request("ped-all-risk/example-a")}. */
    static ObjectNode request(String name) {
        return (ObjectNode) JSON.readTree(fixture("requests/" + name + ".json"));
    }

    /** A FHIR fixture under {@code fhir/}, with {@code __BASE__} replaced by the mock server's FHIR base URL. */
    static String fhirFixture(String name) {
        return fixture("fhir/" + name + ".json").replace("__BASE__", fhirBase());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    // --- common assertions ---

    static void assertJson(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type")
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    }

    /** Data-contract §5: an OperationOutcome whose issue[0].diagnostics names what was wrong and where. */
    static JsonNode assertOperationOutcome(HttpResponse<String> response, int status, String... diagnosticsContains) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertJson(response);
        JsonNode body = json(response);
        assertThat(body.path("resourceType").asString()).isEqualTo("OperationOutcome");
        JsonNode issue = body.path("issue").path(0);
        assertThat(issue.path("severity").asString()).isEqualTo("error");
        assertThat(issue.path("code").asString()).isNotBlank();
        String diagnostics = issue.path("diagnostics").asString();
        assertThat(diagnostics).as("issue[0].diagnostics").isNotBlank();
        if (diagnosticsContains.length > 0) {
            assertThat(diagnostics).as("issue[0].diagnostics").contains(diagnosticsContains);
        }
        JsonWalker.assertNoNullOrEmpty(body);
        return body;
    }
}
