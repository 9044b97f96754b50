package org.allcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
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
        if (prefetch == null || !prefetch.isObject()) {
            throw new IllegalArgumentException("prefetch must be a JSON object");
        }
        List<Resource> into = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : prefetch.properties()) {
            if (!e.getValue().isNull()) {
                addAll(into, parse(e.getValue(), "prefetch." + e.getKey()));
            }
        }
        return into;
    }

    /**
     * Each prefetched value held to what its template asks for, as the resolver holds a request's
     * ({@link PrefetchResolver#requireTemplateType}): a 400 where it would refuse. Keys without data, and values the
     * resolver would fetch again instead (the client's OperationOutcome), are not checked.
     */
    public void requireTemplateTypes(Map<String, String> templates, JsonNode prefetch) {
        templates.forEach((key, template) -> {
            JsonNode value = prefetch == null ? null : prefetch.get(key);
            if (value != null && value.isObject()) {
                Resource resource = parse(value, "prefetch." + key);
                if (!PrefetchResolver.holdsTheClientsOutcome(resource)) {
                    PrefetchResolver.requireTemplateType(key, template, resource);
                }
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
