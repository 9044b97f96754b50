package org.allcds.facts;

import java.time.LocalDate;

/**
 * An order the clinician is about to sign (CDS Hooks order-sign {@code context.draftOrders}): a MedicationRequest or
 * ServiceRequest of the patient in context, its {@code kind} from its code, the {@code key} the order checks and its
 * card are keyed by, its relative {@code reference} ({@code MedicationRequest/draft-1}) and its FHIR {@code intent}
 * ({@code order}, {@code proposal}, …, or null). An order without a usable id is still checked: its reference is null
 * (nothing may target it) and its key says where it stood in the request.
 */
public record DraftOrder(OrderKind kind, String key, String reference, String intent) implements ClinicalInput {
    /** How cards name a draft order among their inputs. */
    public static final String INPUT_NAME = "draftOrder";

    /** An order with a usable id: keyed by its reference. */
    public DraftOrder(OrderKind kind, String reference, String intent) {
        this(kind, reference, reference, intent);
    }

    public String inputName() { return INPUT_NAME; }
    public String displayValue() {
        return kind.words() + (intent == null ? "" : ", intent " + intent) + (reference == null ? ", " + key : "");
    }
    public LocalDate date() { return null; }
}
