package org.allcds.facts;

/**
 * Relapse sites of input I10; {@link #code()} is the local code of the data contract, {@link #display()} its display in
 * the local CodeSystem (what a card says).
 */
public enum RelapseSite {
    ISOLATED_MARROW("isolated-marrow", "Isolated marrow"), COMBINED("combined", "Combined"),
    ISOLATED_CNS("isolated-cns", "Isolated CNS"), ISOLATED_TESTICULAR("isolated-testicular", "Isolated testicular"),
    ISOLATED_OTHER_EXTRAMEDULLARY("isolated-other-extramedullary", "Isolated other extramedullary");

    private final String code;
    private final String display;

    RelapseSite(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() { return code; }

    public String display() { return display; }

    /** The display inside a sentence: "isolated marrow", "isolated CNS". */
    public String words() {
        return this == ISOLATED_CNS ? "isolated CNS" : display.toLowerCase(java.util.Locale.ROOT);
    }

    /** Isolated or combined marrow relapse (R-REL-02 applies). */
    public boolean isMarrowInvolved() { return this == ISOLATED_MARROW || this == COMBINED; }

    /** Isolated extramedullary relapse (R-REL-03 applies). */
    public boolean isIsolatedExtramedullary() { return !isMarrowInvolved(); }

    /** A site that leaves the CNS out, so that a CNS3 at the relapse contradicts it (R-REL-01: CNS relapse = CNS3). */
    public boolean excludesCns() { return this != COMBINED && this != ISOLATED_CNS; }

    /**
     * A site that leaves out every extramedullary site, so that testicular involvement at the relapse contradicts it
     * (R-REL-01: marrow and an extramedullary site are a combined relapse).
     */
    public boolean excludesExtramedullary() { return this == ISOLATED_MARROW; }

    public static RelapseSite fromCode(String code) {
        for (RelapseSite s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
