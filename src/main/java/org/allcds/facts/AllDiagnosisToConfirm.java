package org.allcds.facts;

/**
 * The record of an ALL patient ({@link AllPatient}: ALL-specific results) holds ALL diagnosis Conditions, but none
 * confirmed (verificationStatus unconfirmed, provisional or differential): the Condition and its date are there, what
 * is missing is a confirmed diagnosis. A void Condition (entered-in-error, refuted) is not the patient's diagnosis and
 * never reaches the mapping (data contract §2a D5): beside none other, {@link NoAllCondition} holds instead.
 */
public record AllDiagnosisToConfirm() {
}
