package org.allcds.hooks;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated service call. {@code prefetch} ({@link PrefetchJson}) is empty (never null) when the request carried none.
 */
public record CdsRequest(String hook, String hookInstance, String fhirServer, FhirAuthorization fhirAuthorization,
                         ObjectNode context, PrefetchJson prefetch, ObjectNode extension) {

    public CdsRequest {
        prefetch = prefetch == null ? new PrefetchJson(Map.of()) : prefetch;
    }

    /** The call with {@code prefetch} as sent: each key's JSON, JSON null kept as a null node. */
    public CdsRequest(String hook, String hookInstance, String fhirServer, FhirAuthorization fhirAuthorization,
                      ObjectNode context, Map<String, JsonNode> prefetch, ObjectNode extension) {
        this(hook, hookInstance, fhirServer, fhirAuthorization, context, new PrefetchJson(prefetch), extension);
    }

    /** A primitive context field as text (e.g. {@code patientId}), or null when absent. */
    public String contextValue(String field) {
        JsonNode value = context == null ? null : context.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asString();
    }
}
