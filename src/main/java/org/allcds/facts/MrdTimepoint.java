package org.allcds.facts;

/** Timepoints of inputs I8 and I9; {@link #code()} is the local code of the data contract. */
public enum MrdTimepoint {
    DAY8_PB("day8-pb", "day8Mrd", "Day-8"), END_OF_INDUCTION("end-of-induction", "endOfInductionMrd", "End-of-induction"),
    RELAPSE_END_BLOCK1("relapse-end-block1", "relapseEndBlock1Mrd", "End-of-block-1");

    private final String code;
    private final String inputName;
    private final String words;

    MrdTimepoint(String code, String inputName, String words) {
        this.code = code;
        this.inputName = inputName;
        this.words = words;
    }

    public String code() { return code; }

    /** The timepoint as a card names its records ("Day-8" of "Day-8 MRD", "End-of-block-1" of its marrow blasts). */
    public String words() { return words; }

    public String inputName() { return inputName; }

    public static MrdTimepoint fromCode(String code) {
        for (MrdTimepoint t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
