package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.allcds.authoring.AuthoringCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a rule author sees with {@code eval} is what the service answers: every worked example of the rule catalogue
 * goes through the {@code eval} command and through HTTP, and the two responses are identical apart from the random
 * card and suggestion UUIDs.
 */
class EvalMatchesServiceIT extends AbstractHttpIT {

    private static final Path EXAMPLES = Path.of("fhir-profiles/requests");

    static List<Path> workedExamples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("workedExamples")
    void evalCommand_givesTheServiceResponse(Path example) throws IOException {
        String file = example.getFileName().toString();
        String service = file.substring(0, file.indexOf("-example-"));

        JsonNode overHttp = json(post("/cds-services/" + service, Files.readString(example)));
        JsonNode fromEval = eval(example, service).path("services").path(0).path("response");

        assertThat(overHttp.path("cards")).as("the example gives cards").isNotEmpty();
        assertThat(withoutUuids(fromEval)).as("eval of %s", file).isEqualTo(withoutUuids(overHttp));
    }

    /** A request the service refuses (its prefetch is another patient): eval prints the same status and body, and fails. */
    @Test
    void aRequestTheServiceRefuses_evalGivesTheSameStatusAndOperationOutcome(@TempDir Path dir) throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(EXAMPLES.resolve("ped-all-risk-example-a.json")));
        ((ObjectNode) request.path("prefetch").path("patient")).put("id", "another-patient");
        Path file = Files.writeString(dir.resolve("refused.json"), request.toString());

        HttpResponse<String> overHttp = post("/cds-services/ped-all-risk", request.toString());
        JsonNode fromEval = eval(file, "ped-all-risk", 1).path("services").path(0);

        assertThat(overHttp.statusCode()).isEqualTo(400);
        assertThat(fromEval.path("status").asInt()).isEqualTo(400);
        assertThat(fromEval.path("response")).isEqualTo(json(overHttp));
        assertThat(fromEval.path("rulesFired")).isEmpty();
    }

    /**
     * Requests the service refuses before reading any data (the hook of another service, no hookInstance, an order-sign
     * call without its draft orders): eval runs the service's own checks and gives the same 400.
     */
    @ParameterizedTest
    @MethodSource("refusedEnvelopes")
    void aRequestWhoseEnvelopeTheServiceRefuses_evalGivesTheSame400(String example, String service, String change,
                                                                     @TempDir Path dir) throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(EXAMPLES.resolve(example)));
        switch (change) {
            case "no hookInstance" -> request.remove("hookInstance");
            case "no draftOrders" -> ((ObjectNode) request.path("context")).remove("draftOrders");
            default -> { } // the example as it is, sent to a service of another hook
        }
        Path file = Files.writeString(dir.resolve("refused.json"), request.toString());

        HttpResponse<String> overHttp = post("/cds-services/" + service, request.toString());
        JsonNode fromEval = eval(file, service, 1).path("services").path(0);

        assertThat(overHttp.statusCode()).as(change).isEqualTo(400);
        assertThat(fromEval.path("status").asInt()).as(change).isEqualTo(400);
        assertThat(fromEval.path("response")).as(change).isEqualTo(json(overHttp));
    }

    static Stream<Arguments> refusedEnvelopes() {
        return Stream.of(Arguments.of("ped-all-risk-example-a.json", "ped-all-orders", "another service's hook"),
                Arguments.of("ped-all-risk-example-a.json", "ped-all-risk", "no hookInstance"),
                Arguments.of("ped-all-orders-example-c.json", "ped-all-orders", "no draftOrders"));
    }

    private static JsonNode eval(Path example, String service) {
        return eval(example, service, 0);
    }

    private static JsonNode eval(Path example, String service, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AuthoringCli.run(new String[] {"eval", example.toString(), "--service", service, "--rules", "rules"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).as("eval exit code; output: %s", out).isEqualTo(expectedExit);
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** A copy with every {@code uuid} field removed (cards and suggestions get fresh ones per call). */
    private static JsonNode withoutUuids(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("uuid");
            object.forEach(EvalMatchesServiceIT::strip);
        } else if (node instanceof ArrayNode array) {
            array.forEach(EvalMatchesServiceIT::strip);
        }
    }
}
