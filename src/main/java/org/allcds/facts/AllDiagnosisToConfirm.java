package org.allcds.facts;

/**
 * The record of an ALL patient ({@link AllPatient}: ALL-specific results) holds ALL diagnosis Conditions, but none
 * confirmed (verificationStatus unconfirmed, provisional or differential): the Condition and its date are there, what
 * is missing is a confirmed diagnosis. A void Condition (entered-in-error, refuted) is not the patient's diagnosis and
 * never reaches the mapping (data contract §2a D5): beside none other, {@link NoAllCondition} holds instead.
 * {@code codeGivesLineage}: every one of those Conditions is coded with one and the same lineage (B-ALL, T-ALL), so
 * that confirming the diagnosis gives the lineage too (data contract I3). Only a card's words read it: until confirmed,
 * no finding uses the Condition, nor the lineage its code gives.
 */
public record AllDiagnosisToConfirm(boolean codeGivesLineage) {
}
