package org.allcds.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Named base patients under {@code tests/bases/<name>.yaml} (a FHIR Bundle in YAML) that a scenario builds on:
 * {@code input.base} names one, {@code change} merge-patches resources by id (RFC 7386: objects merge, a list or value
 * replaces, {@code null} deletes), {@code remove} drops resources by id and {@code add} appends resources. A change or
 * removal naming an id the base does not have is an error, so a scenario cannot silently test the unchanged base.
 */
final class BasePatients {

    static final String DIR = "bases";
    private static final YAMLMapper YAML = ScenarioReader.YAML;
    /** HAPI's parser refusing what it does not know: a misspelt field in {@code change} must not vanish unseen. */
    private static final IParser STRICT = FhirContext.forR4Cached().newJsonParser()
            .setParserErrorHandler(new StrictErrorHandler());

    private final Path basesDir;
    /**
     * Each base patient as last parsed, with the text it was parsed from: hundreds of scenarios build on three bases,
     * and parsing the base again for each was a tenth of reading them. A base is parsed again whenever its text changed.
     */
    private final Map<String, Parsed> loaded = new ConcurrentHashMap<>();

    private record Parsed(String text, JsonNode bundle) {
    }

    BasePatients(Path testsDir) {
        this.basesDir = testsDir.resolve(DIR);
    }

    /** The Bundle that {@code input} describes: the named base with the scenario's changes applied. */
    JsonNode bundle(JsonNode input) {
        String name = input.get("base").asString();
        ObjectNode bundle = (ObjectNode) base(name).deepCopy();
        Map<String, ObjectNode> byId = resourcesById(bundle, name);
        ArrayNode entries = (ArrayNode) bundle.get("entry");
        for (Map.Entry<String, JsonNode> change : properties(input.get("change"), "input.change")) {
            ObjectNode target = byId.get(change.getKey());
            if (target == null) {
                throw unknownId("input.change", change.getKey(), name, byId);
            }
            mergePatch(target, change.getValue());
            checkFhir(target, "input.change." + change.getKey());
        }
        for (String id : ScenarioReader.strings(input.get("remove"), "input.remove")) {
            ObjectNode target = byId.remove(id);
            if (target == null) {
                throw unknownId("input.remove", id, name, byId);
            }
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).get("resource") == target) {
                    entries.remove(i);
                    break;
                }
            }
        }
        JsonNode added = input.get("add");
        if (added != null && !added.isNull()) {
            if (!added.isArray()) {
                throw new IllegalArgumentException("input.add must be a list of FHIR resources");
            }
            for (int i = 0; i < added.size(); i++) {
                checkFhir(added.get(i), "input.add[" + i + "]");
                entries.addObject().set("resource", added.get(i).deepCopy());
            }
        }
        return bundle;
    }

    /** The named base as parsed from its current text (read-only: {@link #bundle} changes a copy). */
    private JsonNode base(String name) {
        Path file = basesDir.resolve(name + ".yaml");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown base patient '" + name + "' (expected " + ScenarioReader.TESTS_DIR
                    + "/" + DIR + "/" + name + ".yaml)");
        }
        try {
            String text = Files.readString(file);
            Parsed cached = loaded.get(name);
            if (cached != null && cached.text.equals(text)) {
                return cached.bundle;
            }
            JsonNode bundle = YAML.readTree(text);
            if (!"Bundle".equals(bundle.path("resourceType").asString("")) || !bundle.path("entry").isArray()) {
                throw new IllegalArgumentException("base patient '" + name + "' is not a FHIR Bundle with entries");
            }
            loaded.put(name, new Parsed(text, bundle));
            return bundle;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read base patient '" + name + "'");
        }
    }

    private static Map<String, ObjectNode> resourcesById(ObjectNode bundle, String name) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (JsonNode entry : bundle.get("entry")) {
            JsonNode resource = entry.get("resource");
            String id = resource == null ? null : resource.path("id").asString(null);
            if (id != null && byId.put(id, (ObjectNode) resource) != null) {
                throw new IllegalArgumentException("base patient '" + name + "' has two resources with id '" + id + "'");
            }
        }
        return byId;
    }

    /** RFC 7386 JSON merge patch, in place. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        if (!patch.isObject()) {
            throw new IllegalArgumentException("a change must be an object of the fields to change");
        }
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            JsonNode current = target.get(field.getKey());
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && current != null && current.isObject()) {
                mergePatch((ObjectNode) current, value);
            } else {
                target.set(field.getKey(), value.isObject() ? withoutNulls(value) : value.deepCopy());
            }
        }
    }

    private static JsonNode withoutNulls(JsonNode value) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        mergePatch(copy, value);
        return copy;
    }

    /** The resource as HAPI reads it, with nothing unknown: a field HAPI would drop (birthdate) is an error. */
    private static void checkFhir(JsonNode resource, String where) {
        try {
            STRICT.parseResource(resource.toString());
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(where + " is not a valid FHIR R4 resource: " + e.getMessage());
        }
    }

    private static IllegalArgumentException unknownId(String where, String id, String base, Map<String, ObjectNode> byId) {
        return new IllegalArgumentException(where + " names '" + id + "', which base patient '" + base
                + "' does not have (its resources: " + String.join(", ", byId.keySet()) + ")");
    }

    private static Iterable<Map.Entry<String, JsonNode>> properties(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must map resource ids to the fields to change");
        }
        return node.properties();
    }
}
