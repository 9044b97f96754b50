package org.allcds.facts;

import java.time.LocalDate;

/**
 * An order the clinician is about to sign (CDS Hooks order-sign {@code context.draftOrders}): a MedicationRequest or
 * ServiceRequest of the patient in context, its {@code kind} from its code, the {@code key} the order checks and its
 * card are keyed by, its relative {@code reference} ({@code MedicationRequest/draft-1}), its FHIR {@code intent}
 * ({@code order}, {@code proposal}, …, or null) and the {@code name} its card's text gives it. An order without a
 * usable id is still checked: its reference is null (nothing may target it), its key says where it stood in the request
 * ({@code context.draftOrders.entry[0] (no usable id)}) and its name counts it as a clinician would
 * ({@code draft order 1 (no id)}).
 */
public record DraftOrder(OrderKind kind, String key, String reference, String intent, String name)
        implements ClinicalInput {
    /** How cards name a draft order among their inputs. */
    public static final String INPUT_NAME = "draftOrder";
    private static final String NO_ID = " (no id)";

    /** An order with a usable id: keyed and named by its reference. */
    public DraftOrder(OrderKind kind, String reference, String intent) {
        this(kind, reference, reference, intent);
    }

    /** Named by its reference, or without one by its key. */
    public DraftOrder(OrderKind kind, String key, String reference, String intent) {
        this(kind, key, reference, intent, reference != null ? reference : key);
    }

    /** The name of an order without a usable id, counted from 1 as the request lists the drafts. */
    public static String nameWithoutId(int number) {
        return "draft order " + number + NO_ID;
    }

    /** The order under its label: "HSCT referral ServiceRequest/r1", "HSCT referral (draft order 1, no id)". */
    public String named(String label) {
        return reference != null ? label + " " + reference : label + " (" + name.replace(NO_ID, ", no id") + ")";
    }

    public String inputName() { return INPUT_NAME; }

    /** The extension's value: an order without an id by its place in the request, which a harness can find. */
    public String displayValue() { return described(key); }

    /** The card's "Because" line: an order without an id by its name, "draft order 1 (no id)". */
    @Override
    public String cardValue() { return described(name); }

    public LocalDate date() { return null; }

    /** The intent only when it is not "order", the one an order to sign has: a plan or a proposal is worth a word. */
    private String described(String withoutId) {
        return kind.words() + (intent == null || intent.equals("order") ? "" : ", intent " + intent)
                + (reference == null ? ", " + withoutId : "");
    }
}
