package org.allcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allcds.errors.InvalidCdsRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import tools.jackson.databind.JsonNode;

/**
 * The orders of an order-select or order-sign call ({@code context.draftOrders}, a Bundle), parsed by the one JSON-to-HAPI
 * path ({@link FhirJson}: lenient, since clients such as the CDS Hooks sandbox send it without {@code type}; exact
 * decimals; extreme exponents never expanded). Whose orders they are is checked by the caller
 * (data contract §2a D2), on each order's {@link #subject}.
 */
public final class DraftOrders {

    public static final String PATH = "context.draftOrders";
    private static final String ENTRY_PATH = "org.allcds.draftOrderEntry";
    private static final String FULL_URL = "org.allcds.draftOrderFullUrl";
    private static final String MEDICATIONS = "org.allcds.draftOrderMedications";
    private static final String ENTRY_NUMBER = "org.allcds.draftOrderNumber";

    private static final FhirJson PARSER = new FhirJson(FhirContext.forR4Cached());

    private DraftOrders() {
    }

    /**
     * The resources of the Bundle's entries, each knowing its {@link #entryPath}; a value that is not a FHIR R4 Bundle
     * is a 400 naming the field. An id outside FHIR's grammar is cleared and recorded ({@link #checkId}). A
     * MedicationRequest's reference to a Medication entry carries that Medication ({@link #resolveMedications}).
     */
    public static List<Resource> parse(JsonNode draftOrders) {
        List<Resource> orders = new ArrayList<>();
        List<Bundle.BundleEntryComponent> entries = bundle(draftOrders).getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Resource resource = entries.get(i).getResource();
            if (resource != null) {
                resource.setUserData(ENTRY_PATH, PATH + ".entry[" + i + "]");
                resource.setUserData(ENTRY_NUMBER, i + 1);
                resource.setUserData(FULL_URL, entries.get(i).getFullUrl());
                checkId(resource, draftOrders.get("entry").get(i).path("resource").get("id"));
                orders.add(resource);
            }
        }
        resolveMedications(entries);
        return orders;
    }

    /**
     * A MedicationRequest naming its product by a Medication entry of the same Bundle ({@code Medication/id}, or the
     * entry's fullUrl) carries every entry under that name ({@link #referencedMedications}): the mapper reads the one
     * data contract §2a D3 counts and reports copies, as for orders. The Bundle's other resources are not orders and go
     * no further.
     */
    private static void resolveMedications(List<Bundle.BundleEntryComponent> entries) {
        Map<String, List<Medication>> medications = medications(entries);
        for (Bundle.BundleEntryComponent entry : entries) {
            if (entry.getResource() instanceof MedicationRequest mr && mr.getMedication() instanceof Reference product
                    && product.hasReference() && !product.getReference().startsWith("#")) {
                List<Medication> copies = medications.get(new IdType(product.getReference()).toVersionless().getValue());
                if (copies != null) {
                    mr.setUserData(MEDICATIONS, List.copyOf(copies));
                }
            }
        }
    }

    /** The Bundle's Medications by fullUrl and by {@code Medication/id}, in the Bundle's order. */
    private static Map<String, List<Medication>> medications(List<Bundle.BundleEntryComponent> entries) {
        Map<String, List<Medication>> medications = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : entries) {
            if (entry.getResource() instanceof Medication medication) {
                if (entry.hasFullUrl()) {
                    medications.computeIfAbsent(entry.getFullUrl(), k -> new ArrayList<>()).add(medication);
                }
                if (medication.getIdElement().hasIdPart()) {
                    medications.computeIfAbsent("Medication/" + medication.getIdElement().getIdPart(),
                            k -> new ArrayList<>()).add(medication);
                }
            }
        }
        return medications;
    }

    /** The Medication entries of draftOrders a MedicationRequest's medicationReference names (copies included). */
    @SuppressWarnings("unchecked")
    public static List<Medication> referencedMedications(MedicationRequest order) {
        return order.getUserData(MEDICATIONS) instanceof List<?> copies ? (List<Medication>) copies : List.of();
    }

    /** The entry's fullUrl, which names an order without an id (contract §2a D3); null when there is none. */
    public static String fullUrl(Resource order) {
        return order.getUserData(FULL_URL) instanceof String url && !url.isBlank() ? url : null;
    }

    /** Where the order stood in the request, e.g. {@code context.draftOrders.entry[0]}; null for one built in code. */
    public static String entryPath(Resource order) {
        return order.getUserData(ENTRY_PATH) instanceof String path ? path : null;
    }

    /** The order's entry counted from 1, as a clinician counts the drafts ("draft order 1"); null if not parsed here. */
    public static Integer entryNumber(Resource order) {
        return order.getUserData(ENTRY_NUMBER) instanceof Integer number ? number : null;
    }

    /**
     * HAPI's parser rewrites an id it reads as a path ({@code "a b/c"} becomes {@code MedicationRequest/c}, another
     * resource) and keeps one of any length, so the id is held to FHIR's grammar as the request wrote it. An invalid
     * one is cleared: a delete suggestion must never target a rewritten id.
     */
    private static void checkId(Resource order, JsonNode id) {
        if (id != null && !(id.isString() && PrimitiveCheck.isId(id.asString()))) {
            order.setIdElement(null);
            PrimitiveCheck.recordInvalid(order, order.fhirType() + ".id");
        }
    }

    private static Bundle bundle(JsonNode draftOrders) {
        if (draftOrders == null || !draftOrders.isObject() || !"Bundle".equals(draftOrders.path("resourceType").asString(""))
                || draftOrders.has("entry") && !draftOrders.get("entry").isArray()) {
            throw notABundle();
        }
        try {
            return (Bundle) PARSER.parse(draftOrders);
        } catch (FhirJson.NotFhir notFhir) {
            throw new InvalidCdsRequestException(PATH + notFhir.where() + " " + notFhir.problem() + ".");
        } catch (RuntimeException unparsable) {
            // HAPI's message may quote the orders; the path is all the client needs.
            throw notABundle();
        }
    }

    private static InvalidCdsRequestException notABundle() {
        return new InvalidCdsRequestException(PATH + " must be a FHIR R4 Bundle of draft orders.");
    }

    /** Whom an order is for: its {@code subject}, or null for resources that are not orders. */
    /** The order types the service reads: MedicationRequest and ServiceRequest. */
    public static boolean isOrderRead(Resource order) {
        return order instanceof MedicationRequest || order instanceof ServiceRequest;
    }

    public static Reference subject(Resource order) {
        if (order instanceof MedicationRequest mr) {
            return mr.getSubject();
        }
        if (order instanceof ServiceRequest sr) {
            return sr.getSubject();
        }
        return null;
    }
}
