package org.allcds.facts;

import java.util.List;

/**
 * The record shows no ALL patient only because the integrity step left out what would have shown one: records of
 * another patient (or naming none), or records dated after the evaluation time (data contract §2a D2, D4).
 * {@code evidence} names what they held, as {@link AllPatient#evidence()} would. Present only without
 * {@link AllPatient}: the chart gets one card saying the records were left out and why, and nothing else.
 * {@code ofThePatient} is true when some of them are the patient's own (unreadable, or dated after the evaluation time),
 * not only records counted as another patient's: only then may an order check say its inputs were left out.
 */
public record ExcludedAllRecords(List<String> evidence, boolean ofThePatient) {
    public ExcludedAllRecords {
        evidence = List.copyOf(evidence);
    }
}
