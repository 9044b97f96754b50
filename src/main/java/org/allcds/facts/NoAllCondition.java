package org.allcds.facts;

/**
 * The record of an ALL patient ({@link AllPatient}: ALL-specific results) holds no ALL diagnosis Condition at all,
 * confirmed or not: the diagnosis record is what is missing, not only its date. Absent where a Condition is there but
 * gives no usable date or is not yet confirmed ({@link AllDiagnosisToConfirm}). A Condition the integrity step left
 * out (dated after the evaluation time, a verification status that cannot be read) is not in the record the mapping
 * reads: its data-quality issue names it, and rules read that first.
 */
public record NoAllCondition() {
}
