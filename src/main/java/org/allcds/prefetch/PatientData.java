package org.allcds.prefetch;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient's resources gathered from the prefetch and the FHIR server, flattened out of their Bundles. Which key a
 * resource came from does not matter to the mapping; resources of other types are kept but ignored downstream.
 */
public record PatientData(List<Resource> resources) {
    public PatientData {
        resources = List.copyOf(resources);
    }

    private static final String FULL_URL = "org.allcds.fullUrl";

    public <T extends Resource> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The fullUrl of the Bundle entry a resource came from, or null; {@code urn:uuid:} references resolve to it. */
    public static String fullUrl(Resource resource) {
        return resource.getUserString(FULL_URL);
    }

    /** The entry's resource, remembering its fullUrl once the entry is flattened away. */
    static Resource unwrap(Bundle.BundleEntryComponent entry) {
        Resource resource = entry.getResource();
        if (resource != null && entry.hasFullUrl()) {
            resource.setUserData(FULL_URL, entry.getFullUrl());
        }
        return resource;
    }
}
