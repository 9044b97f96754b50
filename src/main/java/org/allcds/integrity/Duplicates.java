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
public final class Duplicates {

    /** One resource and how its copies compared. */
    record Kept(Resource resource, int copies, boolean differing) {
        Kept with(Resource copy) {
            return new Kept(isLaterCopy(copy, resource) ? copy : resource, copies + 1,
                    differing || !copy.equalsDeep(resource));
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

    /**
     * True when {@code copy} replaces {@code kept} as the copy that counts: its {@code meta.lastUpdated} is later (or
     * the kept one has none); else the first copy stays.
     */
    public static boolean isLaterCopy(Resource copy, Resource kept) {
        Date copyUpdated = lastUpdated(copy);
        Date keptUpdated = lastUpdated(kept);
        return copyUpdated != null && (keptUpdated == null || copyUpdated.after(keptUpdated));
    }

    /** {@code Type/id}, else the fullUrl; null when the resource can be told apart from no other. */
    static String identity(Resource resource) {
        return identity(resource, PatientData.fullUrl(resource));
    }

    /** As {@link #identity(Resource)}, with the fullUrl the resource's entry gave (a draft order's, for one). */
    public static String identity(Resource resource, String fullUrl) {
        IdType id = resource.getIdElement();
        if (id != null && id.hasIdPart() && !id.getIdPart().startsWith("urn:")) {
            return resource.fhirType() + "/" + id.getIdPart();
        }
        return fullUrl != null ? fullUrl : id != null && id.hasIdPart() ? id.getIdPart() : null;
    }

    private static Date lastUpdated(Resource resource) {
        return resource.hasMeta() ? resource.getMeta().getLastUpdated() : null;
    }
}
