package org.allcds.facts;

/**
 * The CD19 result of the immunophenotype: {@code UNKNOWN} when none was recorded; {@code NOT_READ} when one was sent in a
 * code the service does not recognise, which may say negative, so that a CD19-directed check cannot call it met.
 */
public enum Cd19 {
    POSITIVE, NEGATIVE, UNKNOWN, NOT_READ;

    /** The input name a CD19-directed check lacks when the result could not be read. */
    public static final String INPUT = "cd19";
}
