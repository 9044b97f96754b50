package org.allcds.web;

import static org.allcds.web.JsonFields.optionalObject;
import static org.allcds.web.JsonFields.optionalString;
import static org.allcds.web.JsonFields.requiredInteger;
import static org.allcds.web.JsonFields.requiredObject;
import static org.allcds.web.JsonFields.requiredString;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.LogText;
import org.allcds.hooks.CdsRequest;
import org.allcds.hooks.FhirAuthorization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a service call body against CDS Hooks 2.0 (required fields and JSON types; unknown members ignored) and
 * builds the {@link CdsRequest}. Every rejection names the JSON path. The author's {@code eval} reads requests with it
 * too, so that it refuses what the service refuses.
 */
public final class CdsRequestReader {

    private CdsRequestReader() {
    }

    public static CdsRequest read(JsonNode body) {
        String hook = requiredString(body, "hook", "hook");
        String hookInstance = requiredString(body, "hookInstance", "hookInstance");
        String fhirServer = fhirServer(body);
        FhirAuthorization authorization = authorization(body);
        if (authorization != null && fhirServer == null) {
            throw new InvalidCdsRequestException("fhirAuthorization requires fhirServer (CDS Hooks invariant cds-r-1).");
        }
        ObjectNode context = requiredObject(body, "context", "context");
        Map<String, JsonNode> prefetch = prefetch(body);
        ObjectNode extension = optionalObject(body, "extension", "extension");
        return new CdsRequest(hook, hookInstance, fhirServer, authorization, context, prefetch, extension);
    }

    private static String fhirServer(JsonNode body) {
        String url = optionalString(body, "fhirServer", "fhirServer");
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new InvalidCdsRequestException("fhirServer must be an absolute http(s) URL.");
            }
        } catch (URISyntaxException e) {
            throw new InvalidCdsRequestException("fhirServer must be an absolute http(s) URL.");
        }
        return url;
    }

    private static FhirAuthorization authorization(JsonNode body) {
        ObjectNode auth = optionalObject(body, "fhirAuthorization", "fhirAuthorization");
        if (auth == null) {
            return null;
        }
        String tokenType = requiredString(auth, "token_type", "fhirAuthorization.token_type");
        if (!"Bearer".equalsIgnoreCase(tokenType)) {
            throw new InvalidCdsRequestException("fhirAuthorization.token_type must be 'Bearer'.");
        }
        String token = requiredString(auth, "access_token", "fhirAuthorization.access_token");
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // It goes into an Authorization header (RFC 6750 b64token): a line break or space would be changed on the way
            throw new InvalidCdsRequestException(
                    "fhirAuthorization.access_token must be printable ASCII without spaces or line breaks (RFC 6750).");
        }
        return new FhirAuthorization(token, tokenType,
                requiredInteger(auth, "expires_in", "fhirAuthorization.expires_in"),
                requiredString(auth, "scope", "fhirAuthorization.scope"),
                requiredString(auth, "subject", "fhirAuthorization.subject"),
                optionalString(auth, "patient", "fhirAuthorization.patient"));
    }

    /** Keeps JSON-null values: "null" means the client has no data, which is not the same as an omitted key. */
    private static Map<String, JsonNode> prefetch(JsonNode body) {
        ObjectNode prefetch = optionalObject(body, "prefetch", "prefetch");
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (prefetch == null) {
            return values;
        }
        for (Map.Entry<String, JsonNode> e : prefetch.properties()) {
            JsonNode v = e.getValue();
            if (!v.isNull() && !v.isObject()) {
                throw new InvalidCdsRequestException("prefetch." + LogText.quoted(e.getKey()) + " must be a FHIR resource (a JSON object) or null.");
            }
            values.put(e.getKey(), v);
        }
        return values;
    }
}
