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
    private static final String LOCATION = "org.allcds.location";
    private static final String FETCHED_FOR = "org.allcds.fetchedFor";

    public <T extends Resource> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The fullUrl of the Bundle entry a resource came from, or null; {@code urn:uuid:} references resolve to it. */
    public static String fullUrl(Resource resource) {
        return resource.getUserString(FULL_URL);
    }

    /**
     * Where a resource stood in what was sent, e.g. {@code prefetch.observations.entry[3].resource}, so that an error
     * about it can say where; null when not known.
     */
    public static String location(Resource resource) {
        return resource.getUserString(LOCATION);
    }

    /** Marks {@code resource} as standing at {@code where}, and a Bundle's entries by their index in it. */
    static void locate(Resource resource, String where) {
        resource.setUserData(LOCATION, where);
        if (resource instanceof Bundle bundle) {
            List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).getResource() != null) {
                    locate(entries.get(i).getResource(), where + ".entry[" + i + "].resource");
                }
            }
        }
    }

    /** The prefetch key whose data the FHIR server returned this resource for; null for data the request sent. */
    public static String fetchedFor(Resource resource) {
        return resource.getUserString(FETCHED_FOR);
    }

    /** Marks the resources a fetch returned for {@code key} (those the request sent have their location). */
    static List<Resource> fetched(List<Resource> resources, String key) {
        resources.stream().filter(r -> location(r) == null).forEach(r -> r.setUserData(FETCHED_FOR, key));
        return resources;
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
