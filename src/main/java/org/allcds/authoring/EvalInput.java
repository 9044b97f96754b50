package org.allcds.authoring;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patient data of an {@code eval} input: a FHIR Bundle (or a single resource), or a whole CDS Hooks request whose
 * {@code prefetch} holds the data. Bundles are flattened as the prefetch resolver flattens them.
 */
record EvalInput(PatientData data, String patientId, ObjectNode extension) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static EvalInput read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new AuthoringCli.UsageException("'" + file + "' is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IParser parser = FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        List<Resource> resources = new ArrayList<>();
        if (root.has("resourceType")) {
            addAll(resources, parse(parser, root, "the file"));
            return new EvalInput(new PatientData(resources), patientId(resources, null), null);
        }
        if (root.path("prefetch").isObject()) {
            for (Map.Entry<String, JsonNode> e : root.get("prefetch").properties()) {
                if (!e.getValue().isNull()) {
                    addAll(resources, parse(parser, e.getValue(), "prefetch." + e.getKey()));
                }
            }
            String contextPatient = root.path("context").path("patientId").asString(null);
            ObjectNode extension = root.path("extension").isObject() ? (ObjectNode) root.get("extension") : null;
            return new EvalInput(new PatientData(resources), patientId(resources, contextPatient), extension);
        }
        throw new AuthoringCli.UsageException("'" + file + "' is neither a FHIR resource (resourceType) nor a CDS Hooks"
                + " request with a prefetch object");
    }

    private static Resource parse(IParser parser, JsonNode json, String where) {
        try {
            return (Resource) parser.parseResource(json.toString());
        } catch (DataFormatException | ClassCastException e) {
            throw new AuthoringCli.UsageException(where + " is not a FHIR R4 resource: " + e.getMessage());
        }
    }

    private static void addAll(List<Resource> into, Resource resource) {
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r != null && !(r instanceof OperationOutcome)).forEach(r -> addAll(into, r));
        } else if (!(resource instanceof OperationOutcome)) {
            into.add(resource);
        }
    }

    private static String patientId(List<Resource> resources, String fromContext) {
        if (fromContext != null) {
            return fromContext;
        }
        return resources.stream().filter(Patient.class::isInstance).map(r -> r.getIdElement().getIdPart())
                .filter(id -> id != null).findFirst().orElse(null);
    }
}
