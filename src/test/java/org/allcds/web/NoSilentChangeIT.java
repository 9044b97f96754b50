package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Contract §4 and "never guess", over HTTP for every worked example of every service: each element of the prefetch, one
 * at a time, is given a JSON type FHIR does not give it (a number for a code, a string for a Coding, an object for a
 * list). The answer is a 400, or the same clinical findings as the untouched example, or a data-quality finding that
 * says a value was not used. A changed finding with nothing saying why is a silent change: the card would tell a
 * clinician something else about the same patient because a record was dropped unseen.
 */
class NoSilentChangeIT extends AbstractHttpIT {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Path EXAMPLES = Path.of("fhir-profiles/requests");

    @Test
    void everyWronglyTypedElement_isA400_orChangesNothing_orIsNamedAsDataQuality() throws IOException {
        List<String> silent = new ArrayList<>();
        int calls = 0;
        for (Path example : examples()) {
            String service = example.getFileName().toString().replaceFirst("-example-.*", "");
            ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(example));
            Set<String> expected = clinicalFindings(callService(service, request));
            for (Mutation mutation : mutations(request.get("prefetch"), "prefetch")) {
                ObjectNode mutated = request.deepCopy();
                mutation.apply().accept(mutated);
                HttpResponse<String> response = callService(service, mutated);
                calls++;
                String verdict = verdict(response, expected);
                if (verdict != null) {
                    silent.add(example.getFileName() + " " + mutation.where() + ": " + verdict);
                }
            }
        }
        assertThat(calls).as("mutations sent").isGreaterThan(500);
        assertThat(silent).as("answers that changed with nothing saying why (%d of %d)", silent.size(), calls)
                .isEmpty();
    }

    /** Null when the answer is acceptable; otherwise what was wrong with it. */
    private static String verdict(HttpResponse<String> response, Set<String> expected) {
        if (response.statusCode() == 400) {
            assertOperationOutcome(response, 400);
            return null;
        }
        if (response.statusCode() != 200) {
            return "status " + response.statusCode();
        }
        List<JsonNode> findings = CardChecks.assertValidResponse(json(response));
        if (findings.stream().anyMatch(f -> "data-quality".equals(f.path("type").asString()))) {
            return null;
        }
        Set<String> actual = clinicalFindings(findings);
        return actual.equals(expected) ? null : "expected " + expected + " but got " + actual;
    }

    private static Set<String> clinicalFindings(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return clinicalFindings(CardChecks.assertValidResponse(json(response)));
    }

    /** Type, scheme, value, missing inputs and candidates of every finding but data quality: what a card decides. */
    private static Set<String> clinicalFindings(List<JsonNode> findings) {
        Set<String> decided = new TreeSet<>();
        findings.stream().filter(f -> !"data-quality".equals(f.path("type").asString())).forEach(f -> decided.add(
                f.path("type").asString() + "/" + f.path("scheme").asString("") + "=" + f.path("value").asString()
                        + f.path("missing") + f.path("candidates")));
        return decided;
    }

    /** Where an element is and how it is retyped. */
    private record Mutation(String where, Consumer<ObjectNode> apply) {
    }

    /**
     * One retyping for every element below the prefetch keys ({@code resourceType} aside: another type is a different
     * resource, not a wrong one); the replacement cycles through the wrong types for that kind of JSON value.
     */
    private static List<Mutation> mutations(JsonNode prefetch, String path) {
        List<Mutation> mutations = new ArrayList<>();
        prefetch.properties().forEach(key -> collect(key.getValue(), path + "/" + key.getKey(), false, mutations));
        return mutations;
    }

    private static void collect(JsonNode node, String pointer, boolean mutate, List<Mutation> into) {
        if (mutate) {
            JsonNode wrong = wrongType(node, into.size());
            if (wrong != null) {
                into.add(new Mutation(pointer, request -> replace(request, pointer, wrong)));
            }
        }
        if (node instanceof ObjectNode object) {
            object.properties().stream().filter(member -> !member.getKey().equals("resourceType"))
                    .forEach(member -> collect(member.getValue(), pointer + "/" + member.getKey(), true, into));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array.get(i), pointer + "/" + i, true, into);
            }
        }
    }

    /** A value of another JSON type than {@code node}'s; which one varies with {@code turn}. */
    private static JsonNode wrongType(JsonNode node, int turn) {
        List<JsonNode> choices;
        if (node.isString()) {
            choices = List.of(NODES.numberNode(5), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add(node));
        } else if (node.isNumber()) {
            choices = List.of(NODES.stringNode(node.asString()), NODES.booleanNode(true), NODES.arrayNode().add(node));
        } else if (node.isBoolean()) {
            choices = List.of(NODES.stringNode(node.asString()), NODES.numberNode(1));
        } else if (node instanceof ObjectNode object && !object.isEmpty()) {
            choices = List.of(NODES.stringNode("x"), NODES.numberNode(5), NODES.arrayNode().add(object));
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            choices = List.of(array.get(0), NODES.stringNode("x"));
        } else {
            return null;
        }
        return choices.get(turn % choices.size());
    }

    private static void replace(ObjectNode request, String pointer, JsonNode value) {
        int last = pointer.lastIndexOf('/');
        JsonNode parent = request.at("/" + pointer.substring(0, last));
        String name = pointer.substring(last + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(name), value.deepCopy());
        } else {
            ((ObjectNode) parent).set(name, value.deepCopy());
        }
    }

    private static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
