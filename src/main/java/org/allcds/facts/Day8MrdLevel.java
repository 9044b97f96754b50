package org.allcds.facts;

/**
 * Day-8 peripheral-blood MRD class (clinical-rules R-DX-10): NEGATIVE below 0.01 %, LOW from 0.01 % to below 1 %,
 * HIGH at 1 % or more (cut-offs from {@code RuleConfig}).
 * An enum so that a misspelt value in a rule does not compile.
 */
public enum Day8MrdLevel {
    NEGATIVE, LOW, HIGH
}
