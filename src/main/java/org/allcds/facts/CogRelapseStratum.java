package org.allcds.facts;

/**
 * COG AALL1331 first-relapse risk group (clinical-rules R-RR-C1 to R-RR-C5), as the relapse rules pass it on;
 * {@code name()} is the value of the {@code relapse-stratum} finding of scheme {@link RelapseScheme#COG_AALL1331}.
 * An enum so that a misspelt value in a rule does not compile; a type of its own so that a BFM group cannot stand in.
 */
public enum CogRelapseStratum {
    LOW, INTERMEDIATE, HIGH
}
