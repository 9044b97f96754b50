package org.allcds.facts;

/** Genetic subtypes of input I7; {@link #code()} is the local code of the data contract. */
public enum GeneticSubtype {
    ETV6_RUNX1("etv6-runx1", "ETV6::RUNX1"), TRISOMY_4_10("trisomy-4-10", "Double trisomy 4 and 10"),
    HIGH_HYPERDIPLOIDY("high-hyperdiploidy", "High hyperdiploidy"), BCR_ABL1("bcr-abl1", "BCR::ABL1"),
    PH_LIKE("ph-like", "Ph-like"), KMT2A_R("kmt2a-r", "KMT2A rearranged"), HYPODIPLOIDY("hypodiploidy", "Hypodiploidy"),
    IAMP21("iamp21", "iAMP21"), TCF3_HLF("tcf3-hlf", "TCF3::HLF"), TCF3_PBX1("tcf3-pbx1", "TCF3::PBX1"),
    NONE_DETECTED("none-detected", "None detected");

    private final String code;
    private final String display;

    GeneticSubtype(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() { return code; }

    /** The display of the code in the local CodeSystem: what a card says. */
    public String display() { return display; }

    public static GeneticSubtype fromCode(String code) {
        for (GeneticSubtype s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
