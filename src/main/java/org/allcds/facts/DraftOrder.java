package org.allcds.facts;

import java.time.LocalDate;

/**
 * An order the clinician is about to sign (CDS Hooks order-sign {@code context.draftOrders}): a MedicationRequest or
 * ServiceRequest of the patient in context, its {@code kind} from its code, its relative {@code reference}
 * ({@code MedicationRequest/draft-1}) and its FHIR {@code intent} ({@code order}, {@code proposal}, …, or null).
 */
public record DraftOrder(OrderKind kind, String reference, String intent) implements ClinicalInput {
    /** How cards name a draft order among their inputs. */
    public static final String INPUT_NAME = "draftOrder";

    public String inputName() { return INPUT_NAME; }
    public String displayValue() { return kind + (intent == null ? "" : " (intent " + intent + ")"); }
    public LocalDate date() { return null; }
}
