package org.allcds.facts;

/**
 * NCI/Rome group of a B-ALL at 1 year or older (clinical-rules R-DX-02, R-DX-03), as the risk rules pass it on.
 * An enum so that a misspelt value in a rule does not compile.
 */
public enum NciGroup {
    STANDARD, HIGH
}
