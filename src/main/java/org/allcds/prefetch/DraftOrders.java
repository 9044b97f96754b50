package org.allcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.util.ArrayList;
import java.util.List;
import org.allcds.errors.InvalidCdsRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import tools.jackson.databind.JsonNode;

/**
 * The orders of an order-select or order-sign call ({@code context.draftOrders}, a Bundle; leniently parsed, since
 * clients such as the CDS Hooks sandbox send it without {@code type}). Only orders whose {@code subject} is the patient
 * in context are kept (data contract §2a D2): {@code Patient/{id}}, or the same under the request's {@code fhirServer}.
 * Orders of another patient, or without a subject, are never used; only their number is kept.
 */
public final class DraftOrders {

    static final String PATH = "context.draftOrders";

    /** The orders of the patient in context, and how many others were left out. */
    public record Read(List<Resource> orders, int foreign) {
        public Read {
            orders = List.copyOf(orders);
        }
    }

    private static final IParser PARSER = FhirContext.forR4Cached().newJsonParser()
            .setParserErrorHandler(new LenientErrorHandler(false));

    private DraftOrders() {
    }

    public static Read read(JsonNode draftOrders, String patientId, String fhirServer) {
        List<Resource> mine = new ArrayList<>();
        int foreign = 0;
        for (Bundle.BundleEntryComponent entry : bundle(draftOrders).getEntry()) {
            Resource order = entry.getResource();
            if (order == null) {
                continue;
            }
            if (isOfPatient(subject(order), patientId, fhirServer)) {
                mine.add(order);
            } else {
                foreign++;
            }
        }
        return new Read(mine, foreign);
    }

    private static Bundle bundle(JsonNode draftOrders) {
        if (draftOrders == null || !draftOrders.isObject() || !"Bundle".equals(draftOrders.path("resourceType").asString(""))
                || draftOrders.has("entry") && !draftOrders.get("entry").isArray()) {
            throw notABundle();
        }
        try {
            return (Bundle) PARSER.parseResource(draftOrders.toString());
        } catch (RuntimeException unparsable) {
            // HAPI's message may quote the orders; the path is all the client needs.
            throw notABundle();
        }
    }

    private static InvalidCdsRequestException notABundle() {
        return new InvalidCdsRequestException(PATH + " must be a FHIR R4 Bundle of draft orders.");
    }

    private static Reference subject(Resource order) {
        if (order instanceof MedicationRequest mr) {
            return mr.getSubject();
        }
        if (order instanceof ServiceRequest sr) {
            return sr.getSubject();
        }
        return null;
    }

    private static boolean isOfPatient(Reference subject, String patientId, String fhirServer) {
        if (subject == null || !subject.hasReference() || patientId == null) {
            return false;
        }
        String relative = "Patient/" + patientId;
        String reference = subject.getReference();
        if (reference.equals(relative)) {
            return true;
        }
        if (fhirServer == null) {
            return false;
        }
        String base = fhirServer.endsWith("/") ? fhirServer : fhirServer + "/";
        return reference.equals(base + relative);
    }
}
