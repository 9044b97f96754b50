package org.allcds.prefetch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.allcds.hooks.CdsRequest;
import org.allcds.hooks.FhirAuthorization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds {@link CdsRequest}s from JSON text, as the request validator would hand them over. */
final class Requests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Requests() {
    }

    static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    static CdsRequest request(String fhirServer, String accessToken, String context, String prefetch) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (prefetch != null) {
            json(prefetch).properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
        }
        FhirAuthorization authorization = accessToken == null ? null
                : new FhirAuthorization(accessToken, "Bearer", 300, "user/*.read", "all-cds", null);
        return new CdsRequest("patient-view", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", fhirServer, authorization,
                json(context), values, null);
    }

    static CdsRequest withContext(String context) {
        return request(null, null, context, null);
    }
}
