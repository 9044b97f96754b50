package org.allcds.facts;

/** A measured value against a threshold; censored values may not be decidable (C-06). */
public enum Comparison { BELOW, AT_OR_ABOVE, INDETERMINATE }
