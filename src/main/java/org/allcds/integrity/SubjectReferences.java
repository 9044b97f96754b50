package org.allcds.integrity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * D2: whether a reference points at the patient in context. Accepted: {@code Patient/{id}}, the same under the
 * request's {@code fhirServer} as an absolute URL, and a {@code urn:uuid:} resolved to a Patient entry of the data.
 * A version-specific reference ({@code …/_history/2}) is the same patient.
 */
final class SubjectReferences {

    private static final Pattern RELATIVE = Pattern.compile("Patient/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?");

    private static final Set<String> PERSONS = Set.of("Patient", "RelatedPerson", "Person", "Group");

    private final String patientId;
    private final String fhirServer;
    private final Map<String, Resource> byFullUrl = new HashMap<>();

    SubjectReferences(String patientId, String fhirServer, List<Resource> resources) {
        this.patientId = patientId;
        this.fhirServer = fhirServer == null ? null : stripTrailingSlash(fhirServer);
        for (Resource resource : resources) {
            String fullUrl = PatientData.fullUrl(resource);
            if (fullUrl != null && fullUrl.startsWith("urn:")) {
                byFullUrl.putIfAbsent(fullUrl, resource);
            }
        }
    }

    boolean isThisPatient(Reference subject) {
        String reference = subject == null ? null : subject.getReference();
        if (reference == null || reference.isBlank()) {
            return false;
        }
        if (reference.startsWith("urn:")) {
            return byFullUrl.get(reference) instanceof Patient patient && patientId.equals(patient.getIdElement().getIdPart());
        }
        if (reference.contains("://")) {
            return fhirServer != null && reference.startsWith(fhirServer + "/")
                    && isRelativeToPatient(reference.substring(fhirServer.length() + 1));
        }
        return isRelativeToPatient(reference);
    }

    /**
     * True for a reference that may name a person other than the patient: another Patient, a RelatedPerson, a Person or
     * a Group, or one whose type cannot be told (a display or an identifier only, a contained resource). False for
     * the patient and for things (a Condition, a Specimen, a BodyStructure).
     */
    boolean mayBeAnotherPerson(Reference focus, DomainResource holder) {
        if (isThisPatient(focus)) {
            return false;
        }
        String type = typeOf(focus, holder);
        return type == null || PERSONS.contains(type);
    }

    /** True for a reference known to name a person other than the patient: its type is one of a person's. */
    boolean isAnotherPerson(Reference focus, DomainResource holder) {
        String type = isThisPatient(focus) ? null : typeOf(focus, holder);
        return type != null && PERSONS.contains(type);
    }

    /**
     * The type a reference names: the resource it holds ({@code #id}, contained in {@code holder}), else its
     * {@code type}, a resolved {@code urn:uuid:}, or the segment before its id.
     */
    private String typeOf(Reference reference, DomainResource holder) {
        String text = reference.getReference();
        if (text != null && text.startsWith("#")) {
            // what it holds decides, whatever type the reference declares
            return contained(text.substring(1), holder).map(Resource::fhirType).orElse(null);
        }
        if (reference.hasType()) {
            return reference.getType();
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.startsWith("urn:")) {
            Resource resolved = byFullUrl.get(text);
            return resolved == null ? null : resolved.fhirType();
        }
        String[] segments = text.replaceFirst("/_history/[^/]*$", "").split("/");
        return segments.length < 2 ? null : segments[segments.length - 2];
    }

    private static java.util.Optional<Resource> contained(String id, DomainResource holder) {
        return holder.getContained().stream()
                .filter(r -> id.equals(r.getIdElement().getIdPart()) || ("#" + id).equals(r.getId()))
                .findFirst();
    }

    private boolean isRelativeToPatient(String reference) {
        Matcher relative = RELATIVE.matcher(reference);
        return relative.matches() && relative.group(1).equals(patientId);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
