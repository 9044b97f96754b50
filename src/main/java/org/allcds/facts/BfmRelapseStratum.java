package org.allcds.facts;

/**
 * BFM ALL-REZ 2002 strategic group of a first relapse (clinical-rules R-RR-B1 to R-RR-B4), in rising order of risk, as
 * the relapse rules pass it on; {@code name()} is the value of the {@code relapse-stratum} finding of scheme
 * {@link RelapseScheme#BFM_ALLREZ2002}. An enum so that a misspelt group in a rule does not compile.
 */
public enum BfmRelapseStratum {
    S1, S2, S3, S4
}
