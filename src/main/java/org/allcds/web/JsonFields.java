package org.allcds.web;

import org.allcds.errors.InvalidCdsRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to JSON members the contract defines; a missing, null or mistyped member is a 400 that names its JSON
 * path. Members the contract does not define are never read, so they may be anything, null included.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The member, or null when it is absent; a JSON null is refused. */
    static JsonNode member(JsonNode parent, String name, String path) {
        JsonNode v = parent.get(name);
        if (v != null && v.isNull()) {
            throw InvalidCdsRequestException.nullValue(path);
        }
        return v;
    }

    static String requiredString(JsonNode parent, String name, String path) {
        JsonNode v = member(parent, name, path);
        if (v == null) {
            throw new InvalidCdsRequestException(path + " is required.");
        }
        if (!v.isString() || v.asString().isBlank()) {
            throw new InvalidCdsRequestException(path + " must be a non-empty string.");
        }
        return v.asString();
    }

    static String optionalString(JsonNode parent, String name, String path) {
        JsonNode v = member(parent, name, path);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            throw new InvalidCdsRequestException(path + " must be a string.");
        }
        return v.asString();
    }

    static ObjectNode requiredObject(JsonNode parent, String name, String path) {
        ObjectNode o = optionalObject(parent, name, path);
        if (o == null) {
            throw new InvalidCdsRequestException(path + " is required.");
        }
        return o;
    }

    static ObjectNode optionalObject(JsonNode parent, String name, String path) {
        JsonNode v = member(parent, name, path);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw new InvalidCdsRequestException(path + " must be a JSON object.");
        }
        return (ObjectNode) v;
    }

    static long requiredInteger(JsonNode parent, String name, String path) {
        JsonNode v = member(parent, name, path);
        if (v == null) {
            throw new InvalidCdsRequestException(path + " is required.");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidCdsRequestException(path + " must be an integer.");
        }
        return v.asLong();
    }
}
