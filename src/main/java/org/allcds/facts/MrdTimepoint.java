package org.allcds.facts;

/** Timepoints of inputs I8 and I9; {@link #code()} is the local code of the data contract. */
public enum MrdTimepoint {
    DAY8_PB("day8-pb", "day8Mrd"), END_OF_INDUCTION("end-of-induction", "endOfInductionMrd"),
    RELAPSE_END_BLOCK1("relapse-end-block1", "relapseEndBlock1Mrd");

    private final String code;
    private final String inputName;

    MrdTimepoint(String code, String inputName) {
        this.code = code;
        this.inputName = inputName;
    }

    public String code() { return code; }

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
