package org.allcds.facts;

/**
 * COG front-line risk group (clinical-rules R-DX-10), least to most severe; {@code name()} is the value of the
 * {@code risk-group} finding.
 * An enum so that a misspelt value in a rule does not compile.
 */
public enum CogGroup {
    LOW, STANDARD, HIGH, VERY_HIGH
}
