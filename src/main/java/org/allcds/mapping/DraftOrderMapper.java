package org.allcds.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allcds.facts.DraftOrder;
import org.allcds.facts.OrderKind;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;

/**
 * Draft orders (order-sign {@code context.draftOrders}, already limited to the patient in context) to
 * {@link DraftOrder} facts: a MedicationRequest by its medication code (or its contained Medication's), a
 * ServiceRequest by its code. A code outside the three order value sets gives kind OTHER; an order without an id
 * cannot be named on a card, so it is not used and is reported.
 */
final class DraftOrderMapper {

    private static final Map<Code, OrderKind> KINDS = kinds();
    private static final Set<MedicationRequestStatus> VOID_MEDICATION = Set.of(MedicationRequestStatus.ENTEREDINERROR,
            MedicationRequestStatus.CANCELLED);
    private static final Set<ServiceRequestStatus> VOID_SERVICE = Set.of(ServiceRequestStatus.ENTEREDINERROR,
            ServiceRequestStatus.REVOKED);

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
        for (Resource order : orders) {
            if (order instanceof MedicationRequest mr && (mr.getStatus() == null || !VOID_MEDICATION.contains(mr.getStatus()))) {
                add(mr, medicationCode(mr), mr.getIntent() == null ? null : mr.getIntent().toCode(), ctx, facts);
            } else if (order instanceof ServiceRequest sr && (sr.getStatus() == null || !VOID_SERVICE.contains(sr.getStatus()))) {
                add(sr, sr.getCode(), sr.getIntent() == null ? null : sr.getIntent().toCode(), ctx, facts);
            }
        }
        return facts;
    }

    private static void add(Resource order, CodeableConcept code, String intent, MappingContext ctx, List<DraftOrder> into) {
        String reference = MappingContext.reference(order);
        if (reference == null) {
            ctx.issue("draft-order-without-id", order.fhirType() + ".id", null);
            return;
        }
        into.add(new DraftOrder(ctx.lookup(code, KINDS).orElse(OrderKind.OTHER), reference, intent));
    }

    /** medicationCodeableConcept, else the code of a contained Medication it references. */
    private static CodeableConcept medicationCode(MedicationRequest mr) {
        if (mr.hasMedicationCodeableConcept()) {
            return mr.getMedicationCodeableConcept();
        }
        if (mr.hasMedicationReference() && mr.getMedicationReference().getResource() instanceof Medication m) {
            return m.getCode();
        }
        String ref = mr.hasMedicationReference() ? mr.getMedicationReference().getReference() : null;
        if (ref != null && ref.startsWith("#")) {
            String id = ref.substring(1);
            return mr.getContained().stream().filter(Medication.class::isInstance)
                    .filter(r -> id.equals(r.getIdElement().getIdPart().replace("#", "")))
                    .map(r -> ((Medication) r).getCode()).findFirst().orElse(null);
        }
        return null;
    }
}
