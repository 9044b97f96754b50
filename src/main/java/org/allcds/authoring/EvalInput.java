package org.allcds.authoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.allcds.files.Utf8Text;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patient data of an {@code eval} input: a FHIR Bundle (or a single resource), or a whole CDS Hooks request whose
 * {@code prefetch} holds the data (and whose {@code context} gives draft orders for order-sign services). Bundles are
 * flattened as the prefetch resolver flattens them. {@code request} is the whole request (null for a resource), which the
 * service's request checks apply to, and {@code prefetched} its prefetch by key (empty for a resource), which each
 * service's templates are checked against.
 */
record EvalInput(PatientData data, String patientId, ObjectNode extension, JsonNode context, JsonNode request,
                 Map<String, Resource> prefetched) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalPrefetch LOCAL = new LocalPrefetch();

    static EvalInput read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Utf8Text.read(file));
        } catch (JacksonException e) {
            throw new AuthoringCli.UsageException("'" + file + "' is not valid JSON: " + e.getOriginalMessage());
        } catch (Utf8Text.NotUtf8Exception e) {
            throw new AuthoringCli.UsageException("'" + file + "' is not UTF-8 text (line " + e.line() + ", column "
                    + e.column() + ")");
        } catch (IOException e) {
            throw new AuthoringCli.UsageException("'" + file + "' could not be read: " + e);
        }
        List<Resource> resources;
        try {
            if (root.has("resourceType")) {
                resources = LOCAL.resources(root, "the file");
                return new EvalInput(new PatientData(resources), patientId(resources, null), null, null, null, Map.of());
            }
            if (root.path("prefetch").isObject()) {
                Map<String, Resource> prefetched = LOCAL.byKey(root.get("prefetch"));
                resources = LocalPrefetch.flattened(prefetched);
                String contextPatient = root.path("context").path("patientId").asString(null);
                ObjectNode extension = root.path("extension").isObject() ? (ObjectNode) root.get("extension") : null;
                return new EvalInput(new PatientData(resources), patientId(resources, contextPatient), extension,
                        root.get("context"), root, prefetched);
            }
        } catch (IllegalArgumentException e) {
            throw new AuthoringCli.UsageException(e.getMessage());
        }
        throw new AuthoringCli.UsageException("'" + file + "' is neither a FHIR resource (resourceType) nor a CDS Hooks"
                + " request with a prefetch object");
    }

    private static String patientId(List<Resource> resources, String fromContext) {
        if (fromContext != null) {
            return fromContext;
        }
        return resources.stream().filter(Patient.class::isInstance).map(r -> r.getIdElement().getIdPart())
                .filter(id -> id != null).findFirst().orElse(null);
    }
}
