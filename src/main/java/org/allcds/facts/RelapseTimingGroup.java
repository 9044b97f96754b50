package org.allcds.facts;

/**
 * Relapse timing class of the COG or BFM scheme (clinical-rules R-REL-02 to R-REL-05; VERY_EARLY is BFM only), as the
 * relapse rules pass it on; {@code name()} is the value of the {@code relapse-timing} finding. An enum so that a
 * misspelt value in a rule does not compile.
 */
public enum RelapseTimingGroup {
    VERY_EARLY, EARLY, LATE
}
