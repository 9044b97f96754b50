package org.allcds.integrity;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * D3: one resource is one resource. Copies share {@code resourceType/id}, or without an id the entry's fullUrl; of
 * differing copies the one with the latest {@code meta.lastUpdated} is kept, else the first, in the first one's place.
 */
final class Duplicates {

    /** One resource and how its copies compared. */
    record Kept(Resource resource, int copies, boolean differing) {
        Kept with(Resource copy) {
            boolean later = lastUpdated(copy) != null
                    && (lastUpdated(resource) == null || lastUpdated(copy).after(lastUpdated(resource)));
            return new Kept(later ? copy : resource, copies + 1, differing || !copy.equalsDeep(resource));
        }
    }

    private Duplicates() {
    }

    static List<Kept> collapse(List<Resource> resources) {
        Map<String, Kept> byIdentity = new LinkedHashMap<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            String identity = identity(resource);
            byIdentity.merge(identity == null ? "#" + i : identity, new Kept(resource, 1, false),
                    (kept, copy) -> kept.with(copy.resource()));
        }
        return new ArrayList<>(byIdentity.values());
    }

    /** {@code Type/id}, else the fullUrl; null when the resource can be told apart from no other. */
    static String identity(Resource resource) {
        IdType id = resource.getIdElement();
        String fullUrl = PatientData.fullUrl(resource);
        if (id != null && id.hasIdPart() && !id.getIdPart().startsWith("urn:")) {
            return resource.fhirType() + "/" + id.getIdPart();
        }
        return fullUrl != null ? fullUrl : id != null && id.hasIdPart() ? id.getIdPart() : null;
    }

    private static Date lastUpdated(Resource resource) {
        return resource.hasMeta() ? resource.getMeta().getLastUpdated() : null;
    }
}
