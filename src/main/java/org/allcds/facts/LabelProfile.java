package org.allcds.facts;

/**
 * A drug-label profile switched on in {@code config.yaml} ({@code cartLabelProfiles}; clinical-rules R-TX-CART-01,
 * R-TX-BLIN-01): the FDA label, or the EMA-style one that also counts a relapse after HSCT and starts at 2 years.
 * {@code name()} is the scheme of the {@code cart-eligibility} and {@code blinatumomab-mrd-indication} findings. An enum
 * so that a misspelt profile does not compile in a rule and fails lint in {@code config.yaml}.
 */
public enum LabelProfile {
    FDA, EMA
}
