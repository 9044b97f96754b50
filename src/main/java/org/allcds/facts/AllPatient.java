package org.allcds.facts;

import java.util.List;

/**
 * The record shows a patient with acute lymphoblastic leukaemia: an ALL diagnosis Condition (dated or not) or an
 * ALL-specific result (lineage by immunophenotype, CNS status, testicular involvement, genetic subtype, MRD, relapse,
 * front-line ALL therapy). {@code evidence} names which, in that order. Absent for any other chart: the services stay
 * silent there, and "diagnosis missing" is said only when this fact is present without a {@link Diagnosis}.
 */
public record AllPatient(List<String> evidence) {
    public AllPatient {
        evidence = List.copyOf(evidence);
    }
}
