package org.allcds.facts;

/** Relapse sites of input I10; {@link #code()} is the local code of the data contract. */
public enum RelapseSite {
    ISOLATED_MARROW("isolated-marrow"), COMBINED("combined"), ISOLATED_CNS("isolated-cns"),
    ISOLATED_TESTICULAR("isolated-testicular"), ISOLATED_OTHER_EXTRAMEDULLARY("isolated-other-extramedullary");

    private final String code;

    RelapseSite(String code) { this.code = code; }

    public String code() { return code; }

    /** Isolated or combined marrow relapse (R-REL-02 applies). */
    public boolean isMarrowInvolved() { return this == ISOLATED_MARROW || this == COMBINED; }

    /** Isolated extramedullary relapse (R-REL-03 applies). */
    public boolean isIsolatedExtramedullary() { return !isMarrowInvolved(); }

    public static RelapseSite fromCode(String code) {
        for (RelapseSite s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
