package org.allcds.facts;

/**
 * End-of-induction MRD class (clinical-rules R-DX-10 to R-DX-12): NEGATIVE below 0.01 %, LOW_POSITIVE from 0.01 % to
 * below 0.1 %, HIGH_POSITIVE at 0.1 % or more (cut-offs from {@code RuleConfig}).
 * An enum so that a misspelt value in a rule does not compile.
 */
public enum EoiMrdLevel {
    NEGATIVE, LOW_POSITIVE, HIGH_POSITIVE
}
