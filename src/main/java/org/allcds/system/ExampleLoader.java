package org.allcds.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the worked-example patients into a FHIR server: every resource in the prefetch of the CDS requests in a
 * folder ({@code fhir-profiles/requests}) is written with {@code PUT [base]/[type]/[id]}, so loading twice changes
 * nothing. Used by the one-shot loader of {@code docker/compose.yaml}:
 * {@code java -cp /app/jar/all-cds.jar org.allcds.system.ExampleLoader <fhir-base> <requests-folder>} (the image's
 * extracted jar, whose manifest lists its libraries). It waits for the
 * server to come up (a FHIR server starts slowly) and exits non-zero if a resource is refused.
 */
public final class ExampleLoader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ExampleLoader(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ExampleLoader <fhir-base-url> <requests-folder>");
            System.exit(2);
        }
        ExampleLoader loader = new ExampleLoader(args[0]);
        loader.awaitServer(Duration.ofMinutes(10));
        int loaded = loader.load(Path.of(args[1]));
        System.out.println("Loaded " + loaded + " resources into " + args[0]);
    }

    /** The resources of every request's prefetch: a resource, or the entries of a Bundle. */
    static List<JsonNode> resources(Path requests) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(requests)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JSON.readTree(Files.readString(file)).path("prefetch").forEach(value -> {
                    if ("Bundle".equals(value.path("resourceType").asString())) {
                        value.path("entry").forEach(e -> resources.add(e.path("resource")));
                    } else if (value.isObject()) {
                        resources.add(value);
                    }
                });
            }
        }
        return resources.stream().filter(r -> r.hasNonNull("resourceType") && r.hasNonNull("id")).toList();
    }

    int load(Path requests) throws IOException, InterruptedException {
        List<JsonNode> resources = resources(requests);
        for (JsonNode r : resources) {
            String path = "/" + r.path("resourceType").asString() + "/" + r.path("id").asString();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(r.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT " + path + " answered " + answer.statusCode());
            }
        }
        return resources.size();
    }

    void awaitServer(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> metadata = http.send(HttpRequest.newBuilder(URI.create(base + "/metadata"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (metadata.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not up yet
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("FHIR server " + base + " did not answer /metadata in " + patience);
    }
}
