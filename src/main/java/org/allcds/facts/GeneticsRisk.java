package org.allcds.facts;

/**
 * Genetics class for the COG table (clinical-rules R-DX-06): a favourable subtype present, or not.
 * An enum so that a misspelt value in a rule does not compile.
 */
public enum GeneticsRisk {
    FAVOURABLE, NEUTRAL
}
