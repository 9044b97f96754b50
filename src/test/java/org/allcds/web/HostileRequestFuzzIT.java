package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded mutation fuzzer over real HTTP: service and feedback requests built from the worked examples, damaged in
 * structure, types, numbers (extreme exponents, 20-digit decimals), unicode and primitives (leading spaces, full-width
 * and Arabic-Indic digits, impossible dates) and raw bytes. Every answer must come within 5 s, never be a 5xx, and
 * every 4xx must be a JSON OperationOutcome; the service must stay healthy. The seed is fixed, so a failure can be
 * replayed. {@code mvn verify} sends 1,000 requests, enough for every mutation kind, listed value and worked example
 * to occur (asserted, so a shorter run cannot silently test less); {@code -Dallcds.fuzz.requests=5000} is the long run,
 * and {@code -Dallcds.fuzz.seed=N} fuzzes other requests (the seed is printed with every failure, to replay it).
 */
class HostileRequestFuzzIT extends AbstractHttpIT {

    private static final long SEED = Long.getLong("allcds.fuzz.seed", 20261202L);
    private static final int REQUESTS = Integer.getInteger("allcds.fuzz.requests", 1000);
    private static final Duration MAX_ANSWER = Duration.ofSeconds(5);
    private static final JsonMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> NUMBERS = List.of("1e999999", "-1e999999", "1e-999999", "-0.0", "0",
            "49.999999999999999", "50.000000000000000000", "0.0099999999999999999", "123456789012345678901234567890",
            "1.7976931348623157e309", "-2147483649", "9223372036854775808", "4.9e-325");
    private static final List<String> STRINGS = List.of(" 2020-02-10", "2020-02-10 ", "\uFF12\uFF10\uFF12\uFF10-02-10",
            "\u0662\u0660\u0662\u0660-02-10", "2020-02-30", "2020-13-01", "2020-02-10T25:61:00Z", "2020", "2020-02",
            "", " ", "\u0000", "\u200B", "\u202Eevil", "\uD83D\uDE00", "x".repeat(10_000), "Patient/ p1", "urn:uuid:",
            "%2F..%2F", "<script>", "{{context.patientId}}", "1e999999", "NaN", "true", "-", "entered-in-error");

    /** Every kind of damage the fuzzer does; a run must have done each at least once. */
    enum Mutation {
        REMOVE_MEMBER, REPLACE_MEMBER, WRAP_MEMBER_IN_ARRAY, ADD_OR_RENAME_MEMBER, NULL_MEMBER,
        REMOVE_ITEM, DUPLICATE_ITEM, REPLACE_ITEM,
        EXTREME_NUMBER, LISTED_STRING, FULL_WIDTH_DIGITS, ARABIC_INDIC_DIGITS, LEADING_SPACE, CONTROL_CHARACTER,
        BOOLEAN, EMPTY_OBJECT, EMPTY_ARRAY,
        RANDOM_BYTES, TRUNCATED, LONE_LEAD_BYTE, INSERTED_NOISE
    }

    private final Random random = new Random(SEED);
    private final Set<Mutation> mutationsDone = EnumSet.noneOf(Mutation.class);
    private final Set<String> valuesSent = new HashSet<>();
    private final Set<String> basesSent = new TreeSet<>();

    @Test
    void mutatedRequests_neverFailTheServer() {
        List<Base> bases = bases();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            Base base = bases.get(random.nextInt(bases.size()));
            basesSent.add(base.name());
            byte[] body = mutate(base.json());
            long sent = System.nanoTime();
            HttpResponse<String> response = send(base.path(), body);
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            String replay = "request " + i + " (seed " + SEED + ") to " + base.path() + ": " + preview(body);
            assertThat(took).as("answer time of %s", replay).isLessThan(MAX_ANSWER);
            assertThat(response.statusCode()).as("status of %s -> %s", replay, response.body()).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertOperationOutcomeJson(response, replay);
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (i % 250 == 249) {
                assertHealthy();
            }
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        assertHealthy();
        assertThat(post("/cds-services/" + RISK, example("ped-all-risk-example-a")).statusCode()).isEqualTo(200);
        assertEverythingWasSent(bases);
        report(statuses, total);
    }

    /** A run too short to do every mutation, send every listed value and start from every base fails, not passes. */
    private void assertEverythingWasSent(List<Base> bases) {
        assertThat(mutationsDone).as("mutations done in %d requests", REQUESTS).containsAll(EnumSet.allOf(Mutation.class));
        assertThat(valuesSent).as("listed values sent in %d requests", REQUESTS).containsAll(NUMBERS).containsAll(STRINGS);
        assertThat(basesSent).as("bases used in %d requests", REQUESTS)
                .containsExactlyInAnyOrderElementsOf(bases.stream().map(Base::name).toList());
    }

    private record Base(String name, String path, JsonNode json) {
    }

    /** Each worked example as a call of its service, and a feedback call to that service. */
    private static List<Base> bases() {
        List<Base> bases = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("fhir-profiles/requests"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                // <service>-example-<x>.json: each example goes to the service it was written for (order-sign too)
                String service = name.substring(0, name.indexOf("-example-"));
                JsonNode request = EXACT.readTree(Files.readString(file));
                bases.add(new Base(name, "/cds-services/" + service, request));
                bases.add(new Base(name + " feedback", "/cds-services/" + service + "/feedback", EXACT.readTree("""
                        {"feedback": [{"card": "9b5ee1fa-5fbd-4c3b-9b4c-7b0c3d6f1d2e", "outcome": "overridden",
                          "overrideReason": {"reason": {"system": "https://all-cds.org/fhir/CodeSystem/all-cds",
                          "code": "other"}, "userComment": "x"}, "outcomeTimestamp": "2024-07-18T10:00:00Z"},
                         {"card": "5c1a3e2b-1d7f-4e0e-8b7a-2f8f9b1c0d3e", "outcome": "accepted",
                          "acceptedSuggestions": [{"id": "1f0b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}],
                          "outcomeTimestamp": "2024-07-18T10:00:00Z"}]}""")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bases;
    }

    // --- mutations (each records what it did; the order of calls on the seeded Random is the replay contract) ---

    private byte[] mutate(JsonNode original) {
        JsonNode tree = original.deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            tree = mutateTree(tree);
        }
        byte[] bytes = tree.toString().getBytes(StandardCharsets.UTF_8);
        return random.nextInt(6) == 0 ? damageBytes(bytes) : bytes;
    }

    private JsonNode mutateTree(JsonNode tree) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(tree, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            mutateMember(object);
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            mutateItem(array);
        }
        return tree;
    }

    private void mutateMember(ObjectNode object) {
        List<String> names = new ArrayList<>(object.propertyNames());
        String name = names.get(random.nextInt(names.size()));
        switch (random.nextInt(5)) {
            case 0 -> done(Mutation.REMOVE_MEMBER, object.remove(name));
            case 1 -> done(Mutation.REPLACE_MEMBER, object.set(name, replacement(object.get(name))));
            case 2 -> done(Mutation.WRAP_MEMBER_IN_ARRAY, object.set(name, NODES.arrayNode().add(object.get(name).deepCopy())));
            case 3 -> done(Mutation.ADD_OR_RENAME_MEMBER,
                    object.set(name + (random.nextBoolean() ? "" : "_x"), replacement(object.get(name))));
            default -> done(Mutation.NULL_MEMBER, object.set(name, NODES.nullNode()));
        }
    }

    private void mutateItem(ArrayNode array) {
        int index = random.nextInt(array.size());
        switch (random.nextInt(3)) {
            case 0 -> done(Mutation.REMOVE_ITEM, array.remove(index));
            case 1 -> done(Mutation.DUPLICATE_ITEM, array.add(array.get(index).deepCopy()));
            default -> done(Mutation.REPLACE_ITEM, array.set(index, replacement(array.get(index))));
        }
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainer()) {
            into.add(node);
            node.forEach(child -> collectContainers(child, into));
        }
    }

    /** A value of another kind, an extreme number or a malformed primitive in place of {@code current}. */
    private JsonNode replacement(JsonNode current) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> NODES.numberNode(new BigDecimal(listed(Mutation.EXTREME_NUMBER, NUMBERS)));
            case 2, 3 -> NODES.stringNode(current.isString() && random.nextBoolean()
                    ? disguise(current.asString()) : listed(Mutation.LISTED_STRING, STRINGS));
            case 4 -> random.nextBoolean() ? done(Mutation.BOOLEAN, NODES.booleanNode(random.nextBoolean()))
                    : done(Mutation.EMPTY_OBJECT, NODES.objectNode());
            default -> done(Mutation.EMPTY_ARRAY, NODES.arrayNode());
        };
    }

    private String listed(Mutation mutation, List<String> values) {
        String value = values.get(random.nextInt(values.size()));
        valuesSent.add(value);
        return done(mutation, value);
    }

    /** The same text with ASCII digits made full-width or Arabic-Indic, or with a space or control character added. */
    private String disguise(String text) {
        return switch (random.nextInt(4)) {
            case 0 -> done(Mutation.FULL_WIDTH_DIGITS, shiftDigits(text, '\uFF10'));
            case 1 -> done(Mutation.ARABIC_INDIC_DIGITS, shiftDigits(text, '\u0660'));
            case 2 -> done(Mutation.LEADING_SPACE, " " + text);
            default -> done(Mutation.CONTROL_CHARACTER, text + "\u0007");
        };
    }

    private static String shiftDigits(String text, char zero) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c >= '0' && c <= '9' ? (char) (zero + c - '0') : (char) c));
        return out.toString();
    }

    private byte[] damageBytes(byte[] bytes) {
        byte[] damaged = bytes.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                done(Mutation.RANDOM_BYTES, damaged);
            }
            case 1 -> damaged = done(Mutation.TRUNCATED, java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)));
            case 2 -> damaged[random.nextInt(damaged.length)] = done(Mutation.LONE_LEAD_BYTE, (byte) 0xC3);
            default -> damaged = done(Mutation.INSERTED_NOISE, insertNoise(bytes));
        }
        return damaged;
    }

    private byte[] insertNoise(byte[] bytes) {
        byte[] noise = new byte[1 + random.nextInt(64)];
        random.nextBytes(noise);
        int at = random.nextInt(bytes.length);
        byte[] damaged = new byte[bytes.length + noise.length];
        System.arraycopy(bytes, 0, damaged, 0, at);
        System.arraycopy(noise, 0, damaged, at, noise.length);
        System.arraycopy(bytes, at, damaged, at + noise.length, bytes.length - at);
        return damaged;
    }

    /** Records that {@code mutation} was done; returns its result so that each case stays one expression. */
    private <T> T done(Mutation mutation, T result) {
        mutationsDone.add(mutation);
        return result;
    }

    // --- HTTP and checks ---

    private HttpResponse<String> send(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(MAX_ANSWER.plusSeconds(5))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static void assertOperationOutcomeJson(HttpResponse<String> response, String replay) {
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type of %s", replay)
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("resourceType").asString()).as("body of %s", replay).isEqualTo("OperationOutcome");
        assertThat(body.path("issue").path(0).path("diagnostics").asString()).as("diagnostics of %s", replay).isNotBlank()
                .doesNotContain("`", "Feature", "Source:", "jackson", "JsonToken", "VALUE_");
    }

    private void assertHealthy() {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("UP");
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String example(String name) {
        try {
            return Files.readString(Path.of("fhir-profiles/requests/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures bench/RESULTS.md quotes. */
    private static void report(Map<Integer, Integer> statuses, Duration total) {
        String summary = "fuzz: " + REQUESTS + " requests, seed " + SEED + ", " + total.toMillis() + " ms, statuses "
                + statuses + System.lineSeparator();
        System.out.print(summary);
        try {
            Files.writeString(Path.of("target/fuzz-summary.txt"), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
