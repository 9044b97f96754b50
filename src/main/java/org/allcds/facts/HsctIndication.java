package org.allcds.facts;

/**
 * Whether a relapse scheme indicates allogeneic HSCT (clinical-rules R-TX-HSCT-01), as the relapse rules pass it on;
 * {@code name()} is the value of the {@code hsct-indication} finding (which adds {@code PENDING} while an input is
 * missing). An enum so that a misspelt value in a rule does not compile.
 */
public enum HsctIndication {
    INDICATED, NOT_INDICATED
}
