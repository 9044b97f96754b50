package org.allcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import tools.jackson.databind.JsonNode;

/**
 * Patient data from JSON at hand (an author scenario, a file given to the CLI): parsed as the resolver parses a
 * request's prefetch ({@link FhirJson}) and flattened, with no server and no fetching. A value that is not FHIR R4 is an
 * {@link IllegalArgumentException} naming where it was.
 */
public final class LocalPrefetch {

    private final FhirJson parser = new FhirJson(FhirContext.forR4Cached());

    /**
     * A resource or a Bundle: its resources, nested Bundles flattened, OperationOutcomes and entries a search included
     * ({@code search.mode} "include") left out, as the resolver does.
     */
    public List<Resource> resources(JsonNode json, String where) {
        List<Resource> into = new ArrayList<>();
        addAll(into, parse(json, where));
        return into;
    }

    /** A CDS Hooks prefetch object: JSON null means "no data"; every other value is a resource or a Bundle. */
    public List<Resource> prefetch(JsonNode prefetch) {
        return flattened(byKey(prefetch));
    }

    /** Each key's resource (a Bundle as it is), in the order sent; keys whose value is JSON null have no data. */
    public Map<String, Resource> byKey(JsonNode prefetch) {
        if (prefetch == null || !prefetch.isObject()) {
            throw new IllegalArgumentException("prefetch must be a JSON object");
        }
        Map<String, Resource> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : prefetch.properties()) {
            if (!e.getValue().isNull()) {
                keys.put(e.getKey(), parse(e.getValue(), "prefetch." + e.getKey()));
            }
        }
        return keys;
    }

    /** The resources of {@link #byKey}'s keys, flattened as {@link #resources} flattens one. */
    public static List<Resource> flattened(Map<String, Resource> byKey) {
        List<Resource> into = new ArrayList<>();
        byKey.values().forEach(resource -> addAll(into, resource));
        return into;
    }

    /**
     * Each prefetched resource ({@link #byKey}) held to what its template asks for, as the resolver holds a request's
     * ({@link PrefetchResolver#requireTemplateType}): a 400 where it would refuse. Keys without data, and values the
     * resolver would fetch again instead (the client's OperationOutcome), are not checked.
     */
    public static void requireTemplateTypes(Map<String, String> templates, Map<String, Resource> byKey) {
        templates.forEach((key, template) -> {
            Resource resource = byKey.get(key);
            if (resource != null && !PrefetchResolver.holdsTheClientsOutcome(resource)) {
                PrefetchResolver.requireTemplateType(key, template, resource);
            }
        });
    }

    private Resource parse(JsonNode json, String where) {
        try {
            Resource resource = parser.parse(json);
            PatientData.locate(resource, where);
            return resource;
        } catch (FhirJson.NotFhir e) {
            throw new IllegalArgumentException(where + e.where() + " " + e.problem());
        }
    }

    private static void addAll(List<Resource> into, Resource resource) {
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().stream().filter(Bundles::isAskedFor).map(PatientData::unwrap)
                    .filter(r -> r != null).forEach(r -> addAll(into, r));
        } else if (!(resource instanceof OperationOutcome)) {
            into.add(resource);
        }
    }
}
