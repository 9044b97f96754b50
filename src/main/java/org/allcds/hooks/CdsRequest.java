package org.allcds.hooks;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated service call. {@code prefetch} keeps keys whose value is JSON null (the client has no data) as
 * {@link tools.jackson.databind.node.NullNode}; an omitted key is simply absent. {@code prefetch} is empty (never null)
 * when the request carried none.
 */
public record CdsRequest(String hook, String hookInstance, String fhirServer, FhirAuthorization fhirAuthorization,
                         ObjectNode context, Map<String, JsonNode> prefetch, ObjectNode extension) {

    public CdsRequest {
        prefetch = prefetch == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prefetch));
    }

    /** A primitive context field as text (e.g. {@code patientId}), or null when absent. */
    public String contextValue(String field) {
        JsonNode value = context == null ? null : context.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asString();
    }
}
