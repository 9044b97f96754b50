package org.allcds.facts;

/** Genetic subtypes of input I7; {@link #code()} is the local code of the data contract. */
public enum GeneticSubtype {
    ETV6_RUNX1("etv6-runx1"), TRISOMY_4_10("trisomy-4-10"), HIGH_HYPERDIPLOIDY("high-hyperdiploidy"),
    BCR_ABL1("bcr-abl1"), PH_LIKE("ph-like"), KMT2A_R("kmt2a-r"), HYPODIPLOIDY("hypodiploidy"), IAMP21("iamp21"),
    TCF3_HLF("tcf3-hlf"), TCF3_PBX1("tcf3-pbx1"), NONE_DETECTED("none-detected");

    private final String code;

    GeneticSubtype(String code) { this.code = code; }

    public String code() { return code; }

    public static GeneticSubtype fromCode(String code) {
        for (GeneticSubtype s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
