package org.allcds.prefetch;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient's resources gathered from the prefetch and the FHIR server, flattened out of their Bundles. Which key a
 * resource came from does not matter to the mapping; resources of other types are kept but ignored downstream.
 */
public record PatientData(List<Resource> resources) {
    public PatientData {
        resources = List.copyOf(resources);
    }

    public <T extends Resource> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
