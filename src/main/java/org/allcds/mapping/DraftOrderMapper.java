package org.allcds.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.allcds.facts.DraftOrder;
import org.allcds.facts.OrderKind;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.prefetch.DraftOrders;
import org.allcds.prefetch.PrimitiveCheck;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;

/**
 * Draft orders (order-sign {@code context.draftOrders}, already limited to the patient in context) to
 * {@link DraftOrder} facts: a MedicationRequest by its medication code (or its referenced Medication's), a
 * ServiceRequest by its code. A code outside the three order value sets gives kind OTHER; so does a Medication the
 * request does not hold, which is reported ({@code code-not-recognised}). An order without a usable
 * id (none, or one outside FHIR's id grammar) is still checked and reported; only a delete suggestion needs the id.
 * Invalid values of an order are reported as for the record ({@code invalid-value}), with where the order stood.
 */
final class DraftOrderMapper {

    private static final Map<Code, OrderKind> KINDS = kinds();
    /** Statuses of orders that will not be given: void, or halted or done for good (no draft being signed). */
    private static final Set<MedicationRequestStatus> NOT_TO_GIVE_MEDICATION = Set.of(
            MedicationRequestStatus.ENTEREDINERROR, MedicationRequestStatus.CANCELLED, MedicationRequestStatus.STOPPED,
            MedicationRequestStatus.COMPLETED);
    private static final Set<ServiceRequestStatus> NOT_TO_GIVE_SERVICE = Set.of(ServiceRequestStatus.ENTEREDINERROR,
            ServiceRequestStatus.REVOKED, ServiceRequestStatus.COMPLETED);

    private DraftOrderMapper() {
    }

    private static Map<Code, OrderKind> kinds() {
        Map<Code, OrderKind> kinds = new java.util.HashMap<>();
        Codes.CART_PRODUCT.forEach(c -> kinds.put(c, OrderKind.CART_PRODUCT));
        Codes.BLINATUMOMAB.forEach(c -> kinds.put(c, OrderKind.BLINATUMOMAB));
        Codes.HSCT_REFERRAL.forEach(c -> kinds.put(c, OrderKind.HSCT_REFERRAL));
        return Map.copyOf(kinds);
    }

    static List<DraftOrder> map(List<Resource> orders, MappingContext ctx) {
        List<DraftOrder> facts = new ArrayList<>();
        Set<Resource> keptCopies = keptCopies(orders, ctx);
        for (int i = 0; i < orders.size(); i++) {
            Resource order = orders.get(i);
            if (!keptCopies.contains(order)) {
                continue;
            }
            if (order instanceof MedicationRequest mr && toGive(mr)) {
                add(mr, mr.getIntent() == null ? null : mr.getIntent().toCode(), i, ctx, facts);
            } else if (order instanceof ServiceRequest sr && toGive(sr)) {
                add(sr, sr.getIntent() == null ? null : sr.getIntent().toCode(), i, ctx, facts);
            }
        }
        return facts;
    }

    /**
     * Whether the order asks for the medication to be given: not a prohibition ({@code doNotPerform}, a modifier
     * element: "do not give"), nor void, halted or completed. Only such orders get a label check, and a suggestion to
     * delete a draft.
     */
    private static boolean toGive(MedicationRequest order) {
        return !order.getDoNotPerform()
                && (order.getStatus() == null || !NOT_TO_GIVE_MEDICATION.contains(order.getStatus()));
    }

    private static boolean toGive(ServiceRequest order) {
        return !order.getDoNotPerform() && (order.getStatus() == null || !NOT_TO_GIVE_SERVICE.contains(order.getStatus()));
    }

    /**
     * One order is one order (data contract §2a D3, applied to the draft orders): the same {@code Type/id}, or
     * without an id the same fullUrl, counts once: the copy with the latest {@code meta.lastUpdated}, else the first,
     * so that two orders' criteria never meet on one card and one order gets one card. An order the service checks is
     * never hidden behind an unchecked one sent with its id: then the checked copies are chosen from. Copies are
     * reported when any of them is an order the service checks.
     */
    private static Set<Resource> keptCopies(List<Resource> orders, MappingContext ctx) {
        Map<String, List<Resource>> byReference = new LinkedHashMap<>();
        Set<Resource> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Resource order : orders) {
            String reference = reference(order) != null ? reference(order) : DraftOrders.fullUrl(order);
            if (reference == null) {
                kept.add(order);
            } else {
                byReference.computeIfAbsent(reference, r -> new ArrayList<>()).add(order);
            }
        }
        byReference.forEach((reference, copies) -> {
            List<Resource> checked = copies.stream().filter(c -> kind(c, ctx) != OrderKind.OTHER).toList();
            kept.add(latestUpdated(checked.isEmpty() ? copies : checked));
            if (!checked.isEmpty()) {
                reportCopies(copies, "orders with this " + (reference(copies.get(0)) != null ? "id" : "fullUrl"), reference,
                        ctx);
            }
        });
        return kept;
    }

    /**
     * Two Medication entries of one name that an order references count once (D3: the latest updated, see
     * {@link #medicationCode}); reported as order copies are, since the product read may not be the one the EHR meant.
     */
    private static void medicationCopies(MedicationRequest order, MappingContext ctx) {
        List<Medication> copies = DraftOrders.referencedMedications(order);
        if (!copies.isEmpty()) { // only then is the product a reference
            reportCopies(copies, "Medications with this id", order.getMedicationReference().getReference(), ctx);
        }
    }

    /** More than one copy under one name: {@code duplicate-resource}, saying whether they differ (D3). */
    private static void reportCopies(List<? extends Resource> copies, String what, String reference, MappingContext ctx) {
        if (copies.size() > 1) {
            boolean differ = copies.stream().anyMatch(c -> !c.equalsDeep(copies.get(0)));
            ctx.issue("duplicate-resource", DraftOrders.PATH + ": " + copies.size() + " " + what + ", one counted"
                    + (differ ? "; they differ" : ""), reference);
        }
    }

    /** D3: the copy with the latest meta.lastUpdated; without one, the first. */
    private static Resource latestUpdated(List<Resource> copies) {
        Resource latest = copies.get(0);
        for (Resource copy : copies) {
            java.util.Date at = copy.getMeta().getLastUpdated();
            java.util.Date best = latest.getMeta().getLastUpdated();
            if (at != null && (best == null || at.after(best))) {
                latest = copy;
            }
        }
        return latest;
    }

    private static void add(Resource order, String intent, int index, MappingContext ctx, List<DraftOrder> into) {
        String where = where(order, index);
        String reference = reference(order);
        OrderKind kind = kind(order, ctx);
        CodeableConcept code = orderCode(order);
        if (kind == OrderKind.OTHER && ctx.codingsDisagree(code)) {
            // codings that name two products the service checks: neither check can run, and it must not pass unseen
            ctx.issue("code-not-recognised", order.fhirType() + "." + (order instanceof MedicationRequest
                    ? "medicationCodeableConcept" : "code") + ".coding at " + where, reference);
        } else if (order instanceof MedicationRequest mr && mr.hasMedicationReference() && code == null) {
            // a Medication neither contained nor in draftOrders: which product it names cannot be told, as above
            ctx.issue("code-not-recognised", "MedicationRequest.medicationReference at " + where, reference);
        }
        if (kind != OrderKind.OTHER) {
            // reported only for orders the service checks: the others get no card at all, whatever their ids
            if (order instanceof MedicationRequest mr) {
                medicationCopies(mr, ctx);
            }
            List<String> invalid = PrimitiveCheck.invalidElements(order);
            invalid.forEach(element -> ctx.issue("invalid-value", element + " at " + where, reference));
            if (reference == null && !invalid.contains(order.fhirType() + ".id")) {
                ctx.issue("draft-order-without-id", order.fhirType() + ".id at " + where, null);
            }
        }
        // without a usable id the order is still checked, keyed by its place in the request, but nothing targets it
        String key = reference != null ? reference : where + " (no usable id)";
        into.add(new DraftOrder(kind, key, reference, intent, reference != null ? reference
                : DraftOrder.nameWithoutId(Objects.requireNonNullElse(DraftOrders.entryNumber(order), index + 1))));
    }

    /** By the medication code (a MedicationRequest) or the code (a ServiceRequest); OTHER outside the value sets. */
    private static OrderKind kind(Resource order, MappingContext ctx) {
        return ctx.lookup(orderCode(order), KINDS).orElse(OrderKind.OTHER);
    }

    private static CodeableConcept orderCode(Resource order) {
        return order instanceof MedicationRequest mr ? medicationCode(mr)
                : order instanceof ServiceRequest sr ? sr.getCode() : null;
    }

    /** Where the order stood in the request; for an order built in code, its position. */
    private static String where(Resource order, int index) {
        String path = DraftOrders.entryPath(order);
        return path != null ? path : DraftOrders.PATH + " order " + (index + 1);
    }

    /**
     * {@code Type/id} when the id is a FHIR id; else null. An id taken from a {@code urn:uuid:} fullUrl is no id a
     * delete action could name.
     */
    private static String reference(Resource order) {
        String id = order.getIdElement().getIdPart();
        return PrimitiveCheck.isId(id) ? order.fhirType() + "/" + id : null;
    }

    /**
     * medicationCodeableConcept, else the code of the Medication it references: resolved (a draftOrders entry, see
     * {@link DraftOrders#parse}) or contained; null when the reference names neither.
     */
    private static CodeableConcept medicationCode(MedicationRequest mr) {
        if (mr.hasMedicationCodeableConcept()) {
            return mr.getMedicationCodeableConcept();
        }
        List<Medication> sent = DraftOrders.referencedMedications(mr);
        if (!sent.isEmpty()) {
            return ((Medication) latestUpdated(List.copyOf(sent))).getCode();
        }
        if (mr.hasMedicationReference() && mr.getMedicationReference().getResource() instanceof Medication m) {
            return m.getCode();
        }
        String ref = mr.hasMedicationReference() ? mr.getMedicationReference().getReference() : null;
        if (ref != null && ref.startsWith("#")) {
            return Resources.contained(mr, ref).filter(Medication.class::isInstance)
                    .map(r -> ((Medication) r).getCode()).orElse(null);
        }
        return null;
    }
}
