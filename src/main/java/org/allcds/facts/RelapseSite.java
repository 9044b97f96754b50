package org.allcds.facts;

import java.util.Collection;
import java.util.List;

/**
 * Relapse sites of input I10; {@link #code()} is the local code of the data contract, {@link #display()} its display in
 * the local CodeSystem (what a card says). Two sites are isolated extramedullary relapses at two sites (R-REL-01: a
 * marrow with &lt; 5 % blasts plus CNS, testis or another extramedullary site): the CNS beside the testis or another
 * extramedullary site.
 */
public enum RelapseSite {
    ISOLATED_MARROW("isolated-marrow", "Isolated marrow"), COMBINED("combined", "Combined"),
    ISOLATED_CNS("isolated-cns", "Isolated CNS"), ISOLATED_TESTICULAR("isolated-testicular", "Isolated testicular"),
    ISOLATED_OTHER_EXTRAMEDULLARY("isolated-other-extramedullary", "Isolated other extramedullary"),
    ISOLATED_CNS_AND_TESTICULAR("isolated-cns-and-testicular", "Isolated CNS and testicular"),
    ISOLATED_CNS_AND_OTHER_EXTRAMEDULLARY("isolated-cns-and-other-extramedullary", "Isolated CNS and other extramedullary");

    private final String code;
    private final String display;

    RelapseSite(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() { return code; }

    public String display() { return display; }

    /** The display inside a sentence: "isolated marrow", "isolated CNS and testicular". */
    public String words() {
        return Character.toLowerCase(display.charAt(0)) + display.substring(1);
    }

    /** Isolated or combined marrow relapse (R-REL-02 applies). */
    public boolean isMarrowInvolved() { return this == ISOLATED_MARROW || this == COMBINED; }

    /** Isolated extramedullary relapse (R-REL-03 applies). */
    public boolean isIsolatedExtramedullary() { return !isMarrowInvolved(); }

    /** A site that leaves the CNS out, so that a CNS3 at the relapse contradicts it (R-REL-01: CNS relapse = CNS3). */
    public boolean excludesCns() {
        return this == ISOLATED_MARROW || this == ISOLATED_TESTICULAR || this == ISOLATED_OTHER_EXTRAMEDULLARY;
    }

    /**
     * The isolated extramedullary relapse at this site and the CNS: testis and CNS, another site and CNS; null for a
     * site that is not one extramedullary site besides the CNS.
     */
    public RelapseSite withCns() {
        return switch (this) {
            case ISOLATED_TESTICULAR -> ISOLATED_CNS_AND_TESTICULAR;
            case ISOLATED_OTHER_EXTRAMEDULLARY -> ISOLATED_CNS_AND_OTHER_EXTRAMEDULLARY;
            default -> null;
        };
    }

    /**
     * A site that testicular involvement at the relapse changes: isolated marrow (R-REL-01: marrow and an extramedullary
     * site are a combined relapse) and isolated CNS (an IEM at two sites, or combined). Beside another extramedullary
     * site it is not weighed: no site names the testis beside one.
     */
    public boolean excludesTestis() { return this == ISOLATED_MARROW || this == ISOLATED_CNS; }

    /** The isolated extramedullary relapse at this site and the testis: CNS and testis; null for any other site. */
    public RelapseSite withTestis() { return this == ISOLATED_CNS ? ISOLATED_CNS_AND_TESTICULAR : null; }

    /** How many kinds of site the relapse strata tell apart ({@link #strataClasses}). */
    public static final int STRATA_CLASSES = 3;

    /**
     * The kinds of site among {@code sites} that the relapse strata tell apart, in words and in this order: "isolated
     * marrow", "combined", "isolated extramedullary" (every stratum reads the extramedullary sites alike).
     */
    public static List<String> strataClasses(Collection<RelapseSite> sites) {
        return sites.stream().sorted().map(s -> s.isIsolatedExtramedullary() ? "isolated extramedullary" : s.words())
                .distinct().toList();
    }

    public static RelapseSite fromCode(String code) {
        for (RelapseSite s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
