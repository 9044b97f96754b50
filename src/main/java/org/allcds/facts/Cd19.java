package org.allcds.facts;

/**
 * The CD19 result of the immunophenotype: {@code UNKNOWN} when none was recorded; {@code NOT_READ} when one was sent in a
 * code the service does not recognise, and {@code CONFLICTING} when results that may be the latest say positive and
 * negative: either may say negative, so that a CD19-directed check cannot call it met (the lineage stands).
 */
public enum Cd19 {
    POSITIVE, NEGATIVE, UNKNOWN, NOT_READ, CONFLICTING;

    /** A result was sent that may say negative: a CD19-directed check waits for it. */
    public boolean undecided() {
        return this == NOT_READ || this == CONFLICTING;
    }

    /** The input name a CD19-directed check lacks when the result could not be read. */
    public static final String INPUT = "cd19";
}
