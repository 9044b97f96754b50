package org.allcds.catalog;

/**
 * A reason a clinician may give for overriding a card (CDS Hooks 2.0 {@code overrideReasons}), as rule authors declare
 * it in {@code services.yaml}: a Coding. Feedback is matched on {@code system} and {@code code}; {@code display} is
 * what the EHR shows.
 */
public record OverrideReason(String system, String code, String display) {

    public boolean sameConcept(String otherSystem, String otherCode) {
        return system.equals(otherSystem) && code.equals(otherCode);
    }
}
